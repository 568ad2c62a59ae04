import { describe, expect, it } from 'vitest';
import type { OrderId } from '../../../../src/shared/domain/ids';
import { EngineHarness, makePreset, makeQuote, SECOND } from '../support/factories';
import { scenarioParams, sendBurst } from '../support/scenarios';

describe('engine entries', () => {
  it('places an auto entry on a momentum burst, tagged with its decision, with a full decision record', () => {
    const harness = new EngineHarness({ preset: makePreset(scenarioParams) });
    sendBurst(harness);
    const [order] = harness.orders('entry');
    expect(order).toBeDefined();
    expect(order.request).toMatchObject({
      side: 'buy',
      type: 'limit',
      source: 'auto',
      timeInForce: 'IOC',
      quantity: 65,
      tag: order.decisionId,
    });
    expect(order.request.symbol).toMatch(/-CE$/);
    const record = harness.decisions('entry').find((decision) => decision.decisionId === order.decisionId)!;
    expect(record.outcome).toBe('placed');
    expect(record.signal?.name).toBe('momentumBurst');
    expect(record.signal?.direction).toBe('bullish');
    expect(record.orders).toEqual([order.clientOrderId]);
    expect(record.gates.map((gate) => gate.name)).toContain('marketHours');
    const indicators = record.indicators;
    for (const value of [
      indicators.price,
      indicators.vwap,
      indicators.velocity.s5.changePercent,
      indicators.volumeRatio,
      indicators.bars1s.atr,
      indicators.bars1s.rsi,
      indicators.range30s,
      indicators.bookImbalance,
      indicators.buyPressure,
    ]) {
      expect(value).not.toBeNull();
    }
    expect(indicators.contract?.symbol).toBe(order.request.symbol);
    expect(record.selection?.symbol).toBe(order.request.symbol);
    expect(record.sizing?.lots).toBe(1);
  });

  it('buys puts on a bearish burst', () => {
    const harness = new EngineHarness({ preset: makePreset(scenarioParams) });
    sendBurst(harness, { direction: -1 });
    expect(harness.orders('entry')[0].request.symbol).toMatch(/-PE$/);
  });

  it('a blocked candidate records which gate blocked it and sends no order', () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        scenarioParams(p);
        p.gates.sideKillSwitch.enabled = true;
        p.gates.sideKillSwitch.callsEnabled = false;
      }),
    });
    sendBurst(harness);
    expect(harness.orders()).toEqual([]);
    const blocked = harness.decisions('entry').filter((record) => record.outcome === 'blocked');
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked[0].blockedBy).toEqual(['sideKillSwitch']);
    expect(blocked[0].gates.find((gate) => gate.name === 'sideKillSwitch')).toMatchObject({
      verdict: 'block',
      value: 'killed',
    });
  });

  it('shadow mode records decisions but sends no orders', () => {
    const harness = new EngineHarness({ preset: makePreset(scenarioParams), mode: 'shadow' });
    sendBurst(harness);
    expect(harness.orders()).toEqual([]);
    expect(harness.decisions('entry').some((record) => record.outcome === 'shadow')).toBe(true);
  });

  it('shadow mode paces exactly as paper: the same candidates pass and the same are blocked by pacing', () => {
    const pacing = (p: Parameters<typeof scenarioParams>[0]): void => {
      scenarioParams(p);
      p.gates.tradesPerMinute.enabled = true;
      p.gates.tradesPerMinute.max = 1;
      p.gates.tradesPerDay.enabled = true;
      p.gates.tradesPerDay.max = 5;
    };
    const outcomes = (mode: 'paper' | 'shadow'): string[] => {
      const harness = new EngineHarness({ preset: makePreset(pacing), mode });
      sendBurst(harness, { burstSeconds: 8 });
      return harness
        .decisions('entry')
        .map(
          (record) =>
            `${record.outcome === 'shadow' ? 'placed' : record.outcome}:${record.blockedBy.join('+')}`,
        );
    };
    const shadow = outcomes('shadow');
    expect(shadow.length).toBeGreaterThan(2);
    expect(shadow.filter((outcome) => outcome === 'placed:')).toHaveLength(1);
    expect(shadow.filter((outcome) => outcome === 'blocked:tradesPerMinute').length).toBeGreaterThan(0);
    expect(shadow).toEqual(outcomes('paper'));
  });

  it('off mode makes no decisions', () => {
    const harness = new EngineHarness({ preset: makePreset(scenarioParams), mode: 'off' });
    sendBurst(harness);
    expect(harness.decisions()).toEqual([]);
  });

  it('a signal that stays true is a new candidate at most once per candidateIntervalMs', () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        scenarioParams(p);
        p.signals.candidateIntervalMs = 2000;
      }),
      mode: 'shadow',
    });
    sendBurst(harness);
    const times = harness.decisions('entry').map((record) => record.tsEvent as number);
    expect(times.length).toBeGreaterThan(1);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(2 * SECOND);
  });

  it('a rejected entry is given back to the day count, clears the working entry and raises an alert', () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        scenarioParams(p);
        p.gates.pendingEntry.enabled = true;
      }),
    });
    sendBurst(harness, { burstSeconds: 4 });
    expect(harness.orders('entry')).toHaveLength(1);
    const [order] = harness.orders('entry');
    expect(harness.engine.status().risk.tradesToday).toBe(1);
    harness.send({
      type: 'OrderRejected',
      orderId: order.clientOrderId as unknown as OrderId,
      tsEvent: harness.clock.nowUs(),
      reason: 'insufficient margin',
    });
    expect(harness.engine.status().risk.tradesToday).toBe(0);
    expect(harness.engine.status().workingOrders).toBe(0);
    expect(harness.ofType('alert').some((alert) => alert.code === 'orderRejected')).toBe(true);
  });

  it('cancels a DAY entry that is not filled within timeoutMs', () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        scenarioParams(p);
        p.entry.timeInForce = 'DAY';
        p.entry.timeoutMs = 3000;
        p.gates.pendingEntry.enabled = true;
      }),
    });
    const { endUs } = sendBurst(harness, { burstSeconds: 4 });
    const [order] = harness.orders('entry');
    harness.clockTick(endUs + 5 * SECOND);
    const cancels = harness.ofType('cancelOrder');
    expect(cancels).toHaveLength(1);
    expect(cancels[0]).toMatchObject({
      orderId: order.clientOrderId,
      reason: 'entry timeout',
      decisionId: order.decisionId,
    });
  });

  it('chases a working DAY limit entry the market ran away from (modifyOrder), at most maxChases times', () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        scenarioParams(p);
        Object.assign(p.entry, {
          timeInForce: 'DAY',
          timeoutMs: 60_000,
          chaseTicks: 2,
          maxChases: 2,
          offsetTicks: 1,
        });
        p.gates.pendingEntry.enabled = true;
      }),
    });
    const { endUs } = sendBurst(harness, { burstSeconds: 4 });
    const [order] = harness.orders('entry');
    // The rest of the burst lifts the option's ask past the limit once: the first chase.
    expect(harness.ofType('modifyOrder')).toHaveLength(1);
    const limit = harness.ofType('modifyOrder')[0].changes.limitPrice as number;
    harness.send(makeQuote(order.request.symbol, endUs + 100_000, limit + 5, limit + 5));
    harness.clockTick(endUs + 400_000);
    expect(harness.ofType('modifyOrder')).toHaveLength(1); // one tick above: below chaseTicks
    harness.send(makeQuote(order.request.symbol, endUs + 500_000, limit + 10, limit + 20));
    harness.clockTick(endUs + 800_000);
    const modifies = harness.ofType('modifyOrder');
    expect(modifies).toHaveLength(2);
    expect(modifies[1]).toMatchObject({
      orderId: order.clientOrderId,
      decisionId: order.decisionId,
      changes: { limitPrice: limit + 25 },
    });
    harness.send(makeQuote(order.request.symbol, endUs + 900_000, limit + 60, limit + 70));
    harness.clockTick(endUs + 1_200_000);
    expect(harness.ofType('modifyOrder')).toHaveLength(2); // maxChases used up
  });

  it('pauses entries after too many broker rejects (reject-rate guardrail) and alerts', () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        scenarioParams(p);
        Object.assign(p.gates.rejectRate, { enabled: true, windowOrders: 5, maxRejects: 2, pauseMinutes: 5 });
        p.signals.candidateIntervalMs = 200;
      }),
    });
    harness.send({ type: 'clock', tsEvent: harness.clock.nowUs() });
    let rejected = 0;
    const reject = (command: { clientOrderId: string }): void => {
      rejected++;
      harness.send({
        type: 'OrderRejected',
        orderId: command.clientOrderId as unknown as OrderId,
        tsEvent: harness.clock.nowUs(),
        reason: 'RMS: insufficient margin',
      });
    };
    const burst = sendBurst(harness, { burstSeconds: 6 });
    for (const order of harness.orders('entry')) reject(order);
    expect(rejected).toBeGreaterThanOrEqual(2);
    expect(harness.ofType('alert').some((alert) => alert.code === 'rejectRatePause')).toBe(true);
    const before = harness.orders('entry').length;
    sendBurst(harness, { startUs: burst.endUs, warmSeconds: 30, seed: 3 });
    expect(harness.orders('entry')).toHaveLength(before);
    expect(harness.decisions('entry').at(-1)?.blockedBy).toContain('rejectRate');
  });

  it('setMode switches between paper and shadow at a point in the stream', () => {
    const harness = new EngineHarness({ preset: makePreset(scenarioParams), mode: 'paper' });
    harness.engine.setMode('shadow');
    expect(harness.engine.mode).toBe('shadow');
    sendBurst(harness);
    expect(harness.orders()).toEqual([]);
    expect(harness.ofType('alert')[0]).toMatchObject({ code: 'modeChanged', message: 'mode paper → shadow' });
  });

  it('binds OMS order ids to its own (orderBound) and follows fills under them', () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        scenarioParams(p);
        p.gates.pendingEntry.enabled = true;
      }),
    });
    sendBurst(harness, { burstSeconds: 4 });
    const [order] = harness.orders('entry');
    const omsId = 'oms-77' as OrderId;
    harness.send({
      type: 'orderBound',
      tsEvent: harness.clock.nowUs(),
      clientOrderId: order.clientOrderId,
      orderId: omsId,
    });
    harness.send({ type: 'OrderAccepted', orderId: omsId, tsEvent: harness.clock.nowUs() });
    harness.send({
      type: 'OrderFilled',
      orderId: omsId,
      tsEvent: harness.clock.nowUs(),
      fill: {
        fillId: 'f1' as never,
        orderId: omsId,
        symbol: order.request.symbol,
        side: 'buy',
        quantity: 65,
        price: order.request.limitPrice!,
        tsEvent: harness.clock.nowUs(),
        source: 'auto',
        charges: 0,
        liquidity: 'taker',
      },
    });
    expect(harness.engine.status().positions).toHaveLength(1);
    expect(harness.engine.status().positions[0]).toMatchObject({ quantity: 65, ownership: 'auto' });
  });
});
