import { describe, expect, it } from 'vitest';
import { IV_HISTORY_MIN_SAMPLES, IvHistory } from '../../../../src/main/trading/engine/options/ivHistory';
import { EngineHarness, makeOptionsContext, makePreset, MINUTE, SECOND, T0, us } from '../support/factories';
import { scenarioParams, sendBurst } from '../support/scenarios';

describe('IV history', () => {
  it('ranks the ATM IV among earlier snapshots once it has enough of them', () => {
    const history = new IvHistory();
    for (let i = 0; i < IV_HISTORY_MIN_SAMPLES - 1; i++) history.add(0.1 + i / 1000);
    expect(history.percentile(0.5)).toBeNull();
    history.add(0.2);
    expect(history.size).toBe(IV_HISTORY_MIN_SAMPLES);
    expect(history.percentile(0.5)).toBe(100);
    expect(history.percentile(0.05)).toBe(0);
    // 0.1 .. 0.118 (19 samples) and 0.2: five are below 0.105.
    expect(history.percentile(0.105)).toBe(25);
  });

  it('fills a context whose builder knew no history, records each snapshot once, keeps a given percentile', () => {
    const history = new IvHistory(Array.from({ length: 40 }, (_, i) => 0.1 + i / 1000));
    const context = makeOptionsContext(T0, { atmIV: 0.12, ivPercentile: null });
    const filled = history.observe(context);
    expect(filled.ivPercentile).toBe(50);
    expect(history.size).toBe(41);
    // The same snapshot again (the exits re-read it): not a second sample.
    history.observe(context);
    expect(history.size).toBe(41);
    const own = makeOptionsContext(T0 + MINUTE, { atmIV: 0.12, ivPercentile: 7 });
    expect(history.observe(own)).toBe(own);
    expect(history.size).toBe(42);
  });

  it('ignores IVs that are not positive numbers', () => {
    const history = new IvHistory([0, -1, Number.NaN, Number.POSITIVE_INFINITY]);
    expect(history.size).toBe(0);
  });

  it("the engine's entries see the IV percentile of the session's chain snapshots, and IV-aware sizing acts", () => {
    const start = T0 - 30 * MINUTE;
    const harness = new EngineHarness({
      startUs: start,
      preset: makePreset((p) => {
        scenarioParams(p);
        p.sizing.fixedLots = 2;
        p.sizing.maxLots = 2;
        p.sizing.highIvPercentile = 80;
        p.sizing.highIvMultiplier = 0.5;
      }),
    });
    // One chain snapshot every 30 s with a rising ATM IV, none carrying a percentile; the last is the highest.
    for (let i = 0; i < 30; i++) {
      const ts = start + i * 30 * SECOND;
      harness.send({
        type: 'optionsContext',
        tsEvent: us(ts),
        context: makeOptionsContext(ts, { atmIV: 0.1 + i / 1000, ivPercentile: null }),
      });
    }
    sendBurst(harness, { startUs: start + 15 * MINUTE });
    const entry = harness.decisions('entry').find((record) => record.outcome === 'placed');
    expect(entry).toBeDefined();
    expect(entry?.optionsContext?.ivPercentile).toBe(100);
    expect(entry?.sizing).toMatchObject({ ivMultiplier: 0.5, lots: 1 });
  });
});
