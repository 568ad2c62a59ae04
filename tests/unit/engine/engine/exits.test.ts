import { describe, expect, it } from 'vitest';
import type { OrderId } from '../../../../src/shared/domain/ids';
import type { PlaceOrderCommand } from '../../../../src/main/trading/engine/types';
import { EngineHarness, makeFillEvent, makePreset, makeQuote, SECOND } from '../support/factories';
import type { MutableParams } from '../support/factories';
import { scenarioParams, sendBurst } from '../support/scenarios';

/** A harness holding one filled engine position (bought at the ask after a burst). */
function withPosition(edit: (p: MutableParams) => void = () => {}) {
  const harness = new EngineHarness({
    preset: makePreset((p) => {
      scenarioParams(p);
      p.gates.pendingEntry.enabled = true;
      p.gates.maxConcurrentPositions.enabled = true;
      p.gates.maxConcurrentPositions.max = 1;
      edit(p);
    }),
  });
  const { endUs } = sendBurst(harness, { burstSeconds: 4 });
  const [entry] = harness.orders('entry');
  harness.fill(entry);
  const position = harness.engine.status().positions[0];
  return { harness, entry, endUs, position };
}

describe('engine exits', () => {
  it('closes a position at the hard stop with a reduce-only sell and an exit decision record', () => {
    const { harness, entry, endUs, position } = withPosition((p) => (p.exits.hardStop.stopLossPercent = 10));
    const crash = Math.round((position.averagePrice * 0.85) / 5) * 5;
    harness.send(makeQuote(entry.request.symbol, endUs + SECOND, crash - 5, crash + 5));
    const [exit] = harness.orders('exit');
    expect(exit.request).toMatchObject({
      side: 'sell',
      reduceOnly: true,
      quantity: 65,
      source: 'auto',
      symbol: entry.request.symbol,
    });
    const record = harness.decisions('exit')[0];
    expect(record).toMatchObject({ kind: 'exit', outcome: 'exit', orders: [exit.clientOrderId] });
    expect(record.exit).toMatchObject({ rule: 'hardStop', entryPrice: position.averagePrice, quantity: 65 });
    expect(record.indicators.price).not.toBeNull();
  });

  it('keeps closing a paper position with paper orders after the mode is switched to shadow', () => {
    const { harness, entry, endUs, position } = withPosition((p) => (p.exits.hardStop.stopLossPercent = 10));
    harness.engine.setMode('shadow');
    const crash = Math.round((position.averagePrice * 0.85) / 5) * 5;
    harness.send(makeQuote(entry.request.symbol, endUs + SECOND, crash - 5, crash + 5));
    const [exit] = harness.orders('exit');
    expect(exit).toMatchObject({ mode: 'paper', purpose: 'exit' });
    expect(harness.decisions('exit')[0].mode).toBe('shadow');
  });

  it('runs time exits from clock ticks alone, with no market data', () => {
    const { harness, endUs } = withPosition((p) => (p.exits.timeExit.maxHoldSeconds = 60));
    harness.clockTick(endUs + 200_000);
    expect(harness.engine.nextWakeUs()).toBe(endUs + 400_000);
    for (let t = endUs + 400_000; t <= endUs + 61 * SECOND; t += 200_000) harness.clockTick(t);
    expect(harness.decisions('exit')[0]?.exit?.rule).toBe('timeExit');
  });

  it('books the closed trade: realised P&L, consecutive losses, cooldown clock', () => {
    const { harness, entry, endUs, position } = withPosition((p) => (p.exits.hardStop.stopLossPercent = 10));
    const crash = Math.round((position.averagePrice * 0.85) / 5) * 5;
    harness.send(makeQuote(entry.request.symbol, endUs + SECOND, crash - 5, crash + 5));
    const [exit] = harness.orders('exit');
    harness.fill(exit, crash - 5);
    const status = harness.engine.status();
    expect(status.positions).toEqual([]);
    expect(status.risk.realisedPnl).toBeCloseTo(((crash - 5 - position.averagePrice) * 65) / 100, 6);
    expect(status.risk.consecutiveLosses).toBe(1);
  });

  it('retries a rejected exit after retryMs', () => {
    const { harness, entry, endUs, position } = withPosition((p) => {
      p.exits.hardStop.stopLossPercent = 10;
      p.exits.retryMs = 1000;
    });
    const crash = Math.round((position.averagePrice * 0.85) / 5) * 5;
    harness.send(makeQuote(entry.request.symbol, endUs + SECOND, crash - 5, crash + 5));
    const [first] = harness.orders('exit');
    harness.send({
      type: 'OrderRejected',
      orderId: first.clientOrderId as unknown as OrderId,
      tsEvent: harness.clock.nowUs(),
      reason: 'exchange busy',
    });
    harness.clockTick(endUs + SECOND + 500_000);
    expect(harness.orders('exit')).toHaveLength(1);
    harness.clockTick(endUs + 2 * SECOND + 100_000);
    expect(harness.orders('exit')).toHaveLength(2);
  });

  it('a partially filled exit leaves the rest managed and re-sends for the remainder', () => {
    const { harness, entry, endUs, position } = withPosition((p) => {
      p.exits.hardStop.stopLossPercent = 10;
      p.exits.retryMs = 0;
      p.sizing.fixedLots = 2;
    });
    const crash = Math.round((position.averagePrice * 0.85) / 5) * 5;
    harness.send(makeQuote(entry.request.symbol, endUs + SECOND, crash - 5, crash + 5));
    const [first] = harness.orders('exit');
    expect(first.request.quantity).toBe(130);
    const id = first.clientOrderId as unknown as OrderId;
    harness.send(makeFillEvent(id, first.request.symbol, 'sell', 65, crash - 5, endUs + SECOND, 'partial-1'));
    harness.send({
      type: 'OrderCancelled',
      orderId: id,
      tsEvent: harness.clock.nowUs(),
      reason: 'IOC remainder',
    });
    harness.clockTick(endUs + 2 * SECOND);
    const exits: PlaceOrderCommand[] = harness.orders('exit');
    expect(exits).toHaveLength(2);
    expect(exits[1].request.quantity).toBe(65);
  });

  it('the daily loss limit flattens every engine position, locks the day and alerts', () => {
    const { harness, entry, endUs, position } = withPosition((p) => {
      p.exits.hardStop.enabled = false;
      p.exits.perTradeLoss.enabled = false;
      p.exits.perTradeLoss.maxLoss = 5;
      p.risk.dailyLossLimit = 10;
      p.gates.dailyLossLimit.enabled = true;
    });
    const drop = Math.round((position.averagePrice - 2000) / 5) * 5; // −20.00 × 65 = −1300 rupees
    harness.send(makeQuote(entry.request.symbol, endUs + SECOND, drop - 5, drop + 5));
    expect(harness.decisions('exit')[0].exit?.rule).toBe('dailyLoss');
    expect(harness.engine.status().risk.dayLockedReason).toBe('dailyLossLimit');
    expect(
      harness.ofType('alert').some((alert) => alert.code === 'dailyLossLimit' && alert.level === 'critical'),
    ).toBe(true);
  });
});

describe('day P&L bookkeeping', () => {
  it('a closing loser does not lock the day while another open position carries the day above the limit', () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        scenarioParams(p);
        p.exits.hardStop.stopLossPercent = 10;
        p.exits.perTradeLoss.maxLoss = 5;
        p.exits.perTradeLoss.enabled = false;
        p.risk.dailyLossLimit = 10;
        p.gates.dailyLossLimit.enabled = true;
      }),
    });
    const { endUs } = sendBurst(harness, { burstSeconds: 4 });
    const call = harness.chain.find(
      (instrument) => instrument.right === 'CE' && instrument.strike === 24100,
    )!;
    const put = harness.chain.find((instrument) => instrument.right === 'PE' && instrument.strike === 23900)!;
    harness.send(makeQuote(call.symbol, endUs, 9_995, 10_005));
    harness.send(makeQuote(put.symbol, endUs, 9_995, 10_005));
    harness.send(makeFillEvent('m-1' as OrderId, call.symbol, 'buy', 65, 10_000, endUs, 'm-1', 'manual'));
    harness.send(makeFillEvent('m-2' as OrderId, put.symbol, 'buy', 65, 10_000, endUs, 'm-2', 'manual'));
    harness.engine.handOver(call.symbol);
    harness.engine.handOver(put.symbol);
    // The put gains 30.00 (+1950), the call drops 12.00 (−780) and hits its hard stop.
    harness.send(makeQuote(put.symbol, endUs + SECOND, 12_995, 13_005));
    harness.send(makeQuote(call.symbol, endUs + SECOND, 8_795, 8_805));
    const exit = harness.orders('exit').find((order) => order.request.symbol === call.symbol)!;
    harness.fill(exit, 8_795);
    const status = harness.engine.status();
    expect(status.risk.realisedPnl).toBeLessThan(-10);
    expect(status.risk.dayPnl).toBeGreaterThan(0);
    expect(status.risk.dayLockedReason).toBeNull();
    expect(harness.orders('exit').filter((order) => order.request.symbol === put.symbol)).toEqual([]);
  });
});

describe('manual positions and hand-over', () => {
  /** A paper engine (10 % hard stop) after a burst, and a trader's own buy of 130 CE 24100 at 100.00. */
  const manualCall = () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        scenarioParams(p);
        p.exits.hardStop.stopLossPercent = 10;
      }),
      mode: 'paper',
    });
    const { endUs } = sendBurst(harness, { burstSeconds: 1 });
    const contract = harness.chain.find(
      (instrument) => instrument.right === 'CE' && instrument.strike === 24100,
    )!;
    harness.send(makeQuote(contract.symbol, endUs, 9_995, 10_005));
    harness.send(
      makeFillEvent('manual-1' as OrderId, contract.symbol, 'buy', 130, 10_000, endUs, 'm-1', 'manual'),
    );
    return { harness, contract, endUs };
  };

  it('never touches a manual position, and manages it once handed over', () => {
    const { harness, contract, endUs } = manualCall();
    harness.send(makeQuote(contract.symbol, endUs + SECOND, 7_995, 8_005));
    expect(harness.orders('exit')).toEqual([]);
    expect(harness.engine.status().positions).toEqual([]);
    harness.engine.handOver(contract.symbol);
    const [exit] = harness.orders('exit');
    expect(exit.request).toMatchObject({
      symbol: contract.symbol,
      side: 'sell',
      quantity: 130,
      reduceOnly: true,
    });
    expect(harness.decisions('exit')[0].exit?.rule).toBe('hardStop');
    expect(harness.ofType('alert').some((alert) => alert.code === 'handOver')).toBe(true);
  });

  it('lets go of a handed-over position the trader sells himself: no exit for a position that is gone', () => {
    const { harness, contract, endUs } = manualCall();
    harness.engine.handOver(contract.symbol);
    expect(harness.engine.status().positions.map((held) => held.quantity)).toEqual([130]);
    // The trader flattens it from the ladder (not an engine order): the engine lets go.
    harness.send(
      makeFillEvent('manual-2' as OrderId, contract.symbol, 'sell', 130, 10_000, endUs + 1, 'm-2', 'manual'),
    );
    expect(harness.engine.status().positions).toEqual([]);
    expect(harness.ofType('alert').some((alert) => alert.code === 'closedByTrader')).toBe(true);
    // A crash through the stop afterwards sends nothing, and no manual short is imagined.
    harness.send(makeQuote(contract.symbol, endUs + SECOND, 7_995, 8_005));
    expect(harness.orders('exit')).toEqual([]);
    harness.engine.handOver(contract.symbol);
    expect(harness.ofType('alert').at(-1)?.code).toBe('handOverRefused');
  });

  it('refuses a hand-over in shadow mode (its exits would send nothing)', () => {
    const harness = new EngineHarness({ preset: makePreset(scenarioParams), mode: 'shadow' });
    harness.engine.handOver(harness.chain[0].symbol, { quantity: 65, averagePrice: 10_000 });
    expect(harness.ofType('alert')[0].code).toBe('handOverRefused');
    expect(harness.engine.status().positions).toEqual([]);
  });

  it('refuses to take over a contract it does not trade', () => {
    const harness = new EngineHarness({ preset: makePreset(scenarioParams) });
    harness.engine.handOver('TSLA-2026-06-05-250-C' as never, { quantity: 1, averagePrice: 100 });
    expect(harness.ofType('alert')[0].code).toBe('handOverRefused');
    expect(harness.engine.status().positions).toEqual([]);
  });
});

describe('hand-back to the trader', () => {
  it('stops every exit of its own position: a crash through the stop and a time out send nothing', () => {
    const { harness, entry, endUs, position } = withPosition((p) => {
      p.exits.hardStop.stopLossPercent = 10;
      p.exits.timeExit.maxHoldSeconds = 60;
    });
    harness.engine.handBack(entry.request.symbol);
    expect(harness.engine.status().positions).toEqual([]);
    expect(harness.ofType('alert').find((alert) => alert.code === 'handBack')?.message).toMatch(
      /taken back by the trader/,
    );
    const crash = Math.round((position.averagePrice * 0.5) / 5) * 5;
    harness.send(makeQuote(entry.request.symbol, endUs + SECOND, crash - 5, crash + 5));
    for (let t = endUs + 2 * SECOND; t <= endUs + 90 * SECOND; t += 1_000_000) harness.clockTick(t);
    expect(harness.orders('exit')).toEqual([]);
    expect(harness.decisions('exit')).toEqual([]);
  });

  it('treats what it gave back as a manual position: the trader may hand it over again', () => {
    const { harness, entry, position } = withPosition((p) => (p.exits.hardStop.stopLossPercent = 10));
    harness.engine.handBack(entry.request.symbol);
    harness.engine.handOver(entry.request.symbol);
    expect(harness.engine.status().positions).toMatchObject([
      { symbol: entry.request.symbol, ownership: 'handedOver', quantity: position.quantity },
    ]);
    expect(harness.engine.status().positions[0].averagePrice).toBeCloseTo(position.averagePrice, 6);
  });

  it('leaves the day drawdown as it was: handing back a winner is no give-back from the peak', () => {
    const { harness, entry, endUs, position } = withPosition();
    const up = Math.round((position.averagePrice * 1.05) / 5) * 5;
    harness.send(makeQuote(entry.request.symbol, endUs + SECOND, up - 5, up + 5));
    const before = harness.engine.status().risk;
    expect(before.dayPnl).toBeGreaterThan(0);
    harness.engine.handBack(entry.request.symbol);
    const after = harness.engine.status().risk;
    expect(after.dayPnl).toBeLessThan(before.dayPnl);
    expect(after.peakDayPnl - after.dayPnl).toBeCloseTo(before.peakDayPnl - before.dayPnl, 6);
    expect(after.dayLockedReason).toBeNull();
  });

  it('refuses, changing nothing, when it holds nothing there or an exit of it is in flight', () => {
    const { harness, entry, endUs, position } = withPosition((p) => (p.exits.hardStop.stopLossPercent = 10));
    harness.engine.handBack(harness.chain[0].symbol);
    expect(harness.ofType('alert').at(-1)).toMatchObject({
      code: 'handBackRefused',
      message: expect.stringMatching(/holds no position/),
    });
    const crash = Math.round((position.averagePrice * 0.85) / 5) * 5;
    harness.send(makeQuote(entry.request.symbol, endUs + SECOND, crash - 5, crash + 5));
    expect(harness.orders('exit')).toHaveLength(1);
    harness.engine.handBack(entry.request.symbol);
    expect(harness.ofType('alert').at(-1)).toMatchObject({
      code: 'handBackRefused',
      message: expect.stringMatching(/exit of it is in flight/),
    });
    expect(harness.engine.status().positions).toHaveLength(1);
  });

  it('replays identically: the same events with the hand-back give the same commands', () => {
    const run = () => {
      const { harness, entry, endUs, position } = withPosition(
        (p) => (p.exits.hardStop.stopLossPercent = 10),
      );
      harness.engine.handBack(entry.request.symbol);
      const crash = Math.round((position.averagePrice * 0.5) / 5) * 5;
      harness.send(makeQuote(entry.request.symbol, endUs + SECOND, crash - 5, crash + 5));
      return harness.commands;
    };
    expect(run()).toEqual(run());
  });
});
