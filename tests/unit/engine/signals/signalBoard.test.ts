import { describe, expect, it } from 'vitest';
import { StrategyRouter } from '../../../../src/main/trading/engine/regime/strategyRouter';
import { SignalBoard } from '../../../../src/main/trading/engine/signals/signalBoard';
import { makeParams } from '../support/factories';
import { feed, warmState } from './tape';

/** A tape on which both the momentum burst and the order-flow imbalance fire. */
function burstWithFlow(edit: Parameters<typeof makeParams>[0]) {
  const params = makeParams(edit);
  const { state, endUs } = warmState(params);
  const now = feed(state, endUs, 5, (t) => 2_400_000 + 1000 * (t / 5), {
    volume: 400,
    aggressor: (step) => (step % 5 === 0 ? 'sell' : 'buy'),
    bookTilt: 2,
  });
  return { params, state, now };
}

describe('signal board', () => {
  it('checks the routed signals and picks the highest confidence', () => {
    // Both packs routed (the tuned Balanced preset routes momentum and mean reversion only).
    const { params, state, now } = burstWithFlow((p) => {
      p.router.adaptive = false;
      p.router.static = ['momentum', 'meanReversion', 'orderFlow'];
    });
    const board = new SignalBoard(state, params, new StrategyRouter(params));
    const best = board.evaluate(now, 'trend');
    expect(board.firedCount).toBeGreaterThanOrEqual(2);
    const fired = board.fired.slice(0, board.firedCount);
    expect(best).toBe(fired[0]);
    for (const other of fired) expect(best!.confidence).toBeGreaterThanOrEqual(other.confidence);
  });

  it('does not evaluate a signal whose pack is not routed in the regime', () => {
    const { params, state, now } = burstWithFlow((p) => {
      p.router.adaptive = true;
      p.router.trend = ['orderFlow'];
    });
    const board = new SignalBoard(state, params, new StrategyRouter(params));
    const best = board.evaluate(now, 'trend');
    expect(best?.name).toBe('orderFlowImbalance');
    expect(board.fired.slice(0, board.firedCount).map((result) => result.name)).toEqual([
      'orderFlowImbalance',
    ]);
  });

  it('an adaptive router that routes nothing in a regime stands aside', () => {
    const { params, state, now } = burstWithFlow((p) => {
      p.router.adaptive = true;
      p.router.unknown = [];
    });
    const board = new SignalBoard(state, params, new StrategyRouter(params));
    expect(board.evaluate(now, 'unknown')).toBeNull();
  });
});
