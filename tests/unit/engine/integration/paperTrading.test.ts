import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltInPreset } from '../../../../src/main/trading/engine/config/presets';
import { missingIndicators } from '../../../../src/main/trading/engine/gates/warmUp';
import type { DecisionRecord } from '../../../../src/main/trading/engine/types';
import { PaperSession } from '../support/paperSession';

/**
 * Issue 4, "Done when": on the built-in exchange in paper mode the engine trades; every entry has a
 * decision record with non-null indicators, and a blocked candidate shows which gate blocked it.
 */
describe('engine on the simulated exchange, paper mode', () => {
  let session: PaperSession;
  beforeAll(() => {
    session = new PaperSession({
      preset: loadBuiltInPreset('Balanced'),
      // A Tuesday, NIFTY's expiry day: Balanced trades 0DTE/1DTE only.
      exchange: { seed: 7, startDate: '2026-01-06' },
    });
    session.run(3600);
  }, 60_000);

  it('trades: entries are filled by the paper broker and positions are closed by the engine', () => {
    const entries = session.commands.filter(
      (command) => command.type === 'placeOrder' && command.purpose === 'entry',
    );
    const exits = session.commands.filter(
      (command) => command.type === 'placeOrder' && command.purpose === 'exit',
    );
    expect(entries.length).toBeGreaterThan(0);
    expect(exits.length).toBeGreaterThan(0);
    expect(session.fills.some((fill) => fill.side === 'buy' && fill.source === 'auto')).toBe(true);
    expect(session.fills.some((fill) => fill.side === 'sell' && fill.source === 'auto')).toBe(true);
    expect(session.rejectedAtOms).toEqual([]);
  });

  it('every entry order carries its decision id, and every placed entry has a full decision record', () => {
    const records = new Map(session.decisions().map((record) => [record.decisionId, record]));
    for (const order of session.oms.orders().filter((candidate) => candidate.source === 'auto')) {
      expect(records.has(order.tag ?? '')).toBe(true);
    }
    const placed = session.decisions('entry').filter((record) => record.outcome === 'placed');
    expect(placed.length).toBeGreaterThan(0);
    for (const record of placed) expectIndicators(record);
  });

  it('a blocked candidate shows which gate blocked it, with the value and threshold', () => {
    const blocked = session.decisions('entry').filter((record) => record.outcome === 'blocked');
    expect(blocked.length).toBeGreaterThan(0);
    for (const record of blocked) {
      expect(record.blockedBy.length).toBeGreaterThan(0);
      for (const name of record.blockedBy) {
        const verdict = record.gates.find((gate) => gate.name === name);
        expect(verdict?.verdict).toBe('block');
        expect(verdict).toHaveProperty('threshold');
      }
      expect(record.gates.length).toBeGreaterThanOrEqual(25);
    }
  });

  it('warm-up: no entry before every indicator, the regime and the options context exist; every entry snapshot is null-free', () => {
    const placed = session.decisions('entry').filter((record) => record.outcome === 'placed');
    expect(placed.length).toBeGreaterThan(0);
    for (const record of placed) {
      expect(missingIndicators(record.indicators, true), record.decisionId).toEqual([]);
      expect(record.regime).not.toBe('unknown');
      expect(record.gates.find((gate) => gate.name === 'warmUp')?.verdict).toBe('pass');
    }
    // Before the gate passed, candidates were blocked by it, naming what was missing.
    const cold = session.decisions('entry').filter((record) => record.blockedBy.includes('warmUp'));
    expect(cold.length).toBeGreaterThan(0);
    expect(Math.max(...cold.map((record) => record.tsEvent))).toBeGreaterThan(0);
    expect(Math.min(...placed.map((record) => record.tsEvent))).toBeGreaterThan(
      Math.min(...cold.map((record) => record.tsEvent)),
    );
    expect(cold[0].gates.find((gate) => gate.name === 'warmUp')?.detail).toMatch(/not yet defined: /);
  });

  it('exit records name the rule and carry the indicator snapshot', () => {
    const exits = session.decisions('exit');
    expect(exits.length).toBeGreaterThan(0);
    for (const record of exits) {
      expect(record.exit?.rule).toEqual(expect.any(String));
      expect(record.indicators.price).not.toBeNull();
    }
  });
});

function expectIndicators(record: DecisionRecord): void {
  const i = record.indicators;
  const required: [string, unknown][] = [
    ['price', i.price],
    ['velocity.s5', i.velocity.s5.changePercent],
    ['velocity.s60', i.velocity.s60.changePercent],
    ['vwap', i.vwap],
    ['vwapBands.upper2', i.vwapBands.upper2],
    ['sessionHigh', i.sessionHigh],
    ['sessionLow', i.sessionLow],
    ['bars1s.emaFast', i.bars1s.emaFast],
    ['bars1s.atr', i.bars1s.atr],
    ['bars1s.rsi', i.bars1s.rsi],
    ['volumeRatio', i.volumeRatio],
    ['bookImbalance', i.bookImbalance],
    ['buyPressure', i.buyPressure],
    ['spreadTicks', i.spreadTicks],
    ['spreadPercentile', i.spreadPercentile],
    ['range30s', i.range30s],
    ['regime.efficiencyRatio', i.regime.efficiencyRatio],
    ['contract', i.contract],
    ['contract.delta', i.contract?.delta],
    ['contract.openInterest', i.contract?.openInterest],
  ];
  for (const [name, value] of required) expect(value, `${record.decisionId} ${name}`).not.toBeNull();
  expect(record.optionsContext).not.toBeNull();
  expect(record.selection?.symbol).toBe(record.symbol);
}
