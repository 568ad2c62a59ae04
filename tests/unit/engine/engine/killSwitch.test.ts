import { describe, expect, it } from 'vitest';
import type { EngineCalendar } from '../../../../src/main/trading/engine/engine';
import { createEngine } from '../../../../src/main/trading/engine/engine';
import { createStaticCatalog } from '../../../../src/main/trading/engine/catalog';
import { createSequentialIds } from '../../../../src/shared/domain/ids';
import { ManualClock } from '../../../../src/shared/domain/time';
import {
  buildTape,
  calendar,
  EngineHarness,
  makeChain,
  makePreset,
  makeQuote,
  makeUnderlying,
  MINUTE,
  NIFTY,
  SECOND,
  T0,
} from '../support/factories';
import type { MutableParams } from '../support/factories';
import { scenarioParams, sendBurst, sendQuiet } from '../support/scenarios';

const params = (p: MutableParams): void => {
  scenarioParams(p);
  p.gates.pendingEntry.enabled = true;
  p.entry.timeInForce = 'DAY';
  p.entry.timeoutMs = 60_000;
};

describe('kill switch', () => {
  it('flattens every engine position, cancels working entries, stops entering; rearm resumes', () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        params(p);
        p.gates.pendingEntry.enabled = false;
        p.signals.candidateIntervalMs = 500;
      }),
    });
    const { endUs, endPrice } = sendBurst(harness, { burstSeconds: 4 });
    const entries = harness.orders('entry');
    expect(entries.length).toBeGreaterThanOrEqual(2);
    harness.fill(entries[0]);
    const produced = harness.engine.killSwitch('trader pressed kill');
    expect(
      produced.filter((command) => command.type === 'cancelOrder').map((command) => command.orderId),
    ).toEqual(entries.slice(1).map((entry) => entry.clientOrderId));
    expect(
      harness.ofType('alert').some((alert) => alert.code === 'killSwitch' && alert.level === 'critical'),
    ).toBe(true);
    expect(harness.orders('exit')).toHaveLength(1);
    expect(harness.decisions('exit')[0].exit?.rule).toBe('killSwitch');
    expect(harness.engine.status().killed).toBe(true);
    const before = harness.orders('entry').length;
    const next = sendBurst(harness, { startUs: endUs, warmSeconds: 60, seed: 5 });
    expect(harness.orders('entry')).toHaveLength(before);
    harness.engine.rearm();
    sendQuiet(harness, next.endUs, next.endPrice, 1);
    sendBurst(harness, { startUs: next.endUs + 2 * SECOND, warmSeconds: 120, seed: 11 });
    expect(harness.orders('entry').length).toBeGreaterThan(before);
    expect(endPrice).toBeGreaterThan(0);
  });

  it('works mid-decision: a kill pulled while the entry order goes out cancels that entry in the same call', () => {
    let killedOnce = false;
    const harness = new EngineHarness({
      preset: makePreset(params),
      onCommand: (command, self) => {
        if (command.type === 'placeOrder' && command.purpose === 'entry' && !killedOnce) {
          killedOnce = true;
          self.engine.killSwitch('kill during the decision');
        }
      },
    });
    sendBurst(harness, { burstSeconds: 4 });
    const [entry] = harness.orders('entry');
    const cancels = harness.ofType('cancelOrder');
    expect(cancels).toHaveLength(1);
    expect(cancels[0].orderId).toBe(entry.clientOrderId);
    expect(harness.engine.status().killed).toBe(true);
    expect(harness.orders('entry')).toHaveLength(1);
  });

  it('a kill flag raised by another thread while the engine is deciding stops the entry before it leaves', () => {
    const killFlag = new Int32Array(new SharedArrayBuffer(4));
    let armed = false;
    // The engine reads the calendar for the expiry's close while selecting the contract: raise the flag there.
    const raisingCalendar: EngineCalendar = {
      localDay: (ts) => calendar.localDay(ts),
      session: (day) => {
        if (armed) Atomics.store(killFlag, 0, 1);
        return calendar.session(day);
      },
    };
    const clock = new ManualClock((T0 - 5 * MINUTE) as never);
    const chain = makeChain(24000);
    const commands: string[] = [];
    const engine = createEngine({
      config: { mode: 'paper', underlying: NIFTY, preset: makePreset(params) },
      clock,
      ids: createSequentialIds(),
      instruments: createStaticCatalog([makeUnderlying(), ...chain]),
      calendar: raisingCalendar,
      killFlag,
    });
    for (const instrument of chain)
      engine.onEvent({
        type: 'contractStats',
        symbol: instrument.symbol,
        tsEvent: clock.nowUs(),
        openInterest: 5000,
      });
    const warm = buildTape({ startUs: T0 - 5 * MINUTE, seconds: 300, startPrice: 24000, chain, seed: 1 });
    const burst = buildTape({
      startUs: warm.endUs,
      seconds: 4,
      startPrice: warm.endPrice / 100,
      chain,
      seed: 2,
      driftPerSecond: 3,
      noiseTicks: 0,
      buyShare: 0.85,
      bookTilt: 2,
      tradeSize: 400,
    });
    armed = false;
    for (const event of warm.events) {
      clock.set(event.tsEvent);
      engine.onEvent(event);
    }
    armed = true;
    const records = [];
    for (const event of burst.events) {
      clock.set(event.tsEvent);
      for (const command of engine.onEvent(event)) {
        commands.push(command.type);
        if (command.type === 'decision') records.push(command.record);
      }
      if (records.length > 0) break;
    }
    expect(commands).not.toContain('placeOrder');
    expect(records[0].outcome).toBe('blocked');
    expect(records[0].blockedBy).toContain('killSwitch');
    expect(engine.status().killed).toBe(true);
  });

  it('a kill flag raised between events pulls the kill switch on the next event', () => {
    const killFlag = new Int32Array(new SharedArrayBuffer(4));
    const harness = new EngineHarness({ preset: makePreset(params), killFlag });
    harness.send(makeQuote(harness.chain[0].symbol, T0, 1000, 1010));
    Atomics.store(killFlag, 0, 1);
    harness.send(makeQuote(harness.chain[0].symbol, T0 + 1, 1000, 1010));
    expect(harness.engine.status().killed).toBe(true);
    harness.engine.rearm();
    expect(Atomics.load(killFlag, 0)).toBe(0);
  });
});

describe('side-wise kill switch', () => {
  it('setSideEnabled stops one side only', () => {
    const harness = new EngineHarness({
      preset: makePreset((p) => {
        params(p);
        p.gates.sideKillSwitch.enabled = true;
      }),
    });
    harness.engine.setSideEnabled('CE', false);
    sendBurst(harness, { burstSeconds: 4 });
    expect(harness.orders('entry')).toEqual([]);
    expect(harness.decisions('entry')[0].blockedBy).toEqual(['sideKillSwitch']);
    const other = new EngineHarness({
      preset: makePreset((p) => {
        params(p);
        p.gates.sideKillSwitch.enabled = true;
      }),
    });
    other.engine.setSideEnabled('CE', false);
    sendBurst(other, { burstSeconds: 4, direction: -1 });
    expect(other.orders('entry')).toHaveLength(1);
  });
});
