import { describe, expect, it } from 'vitest';
import type { ExchangeConfig } from '../../../src/main/exchange/config';
import { ExchangeConfigError } from '../../../src/main/exchange/config';
import {
  diffusionVarianceMultiplier,
  resolveRegimeModel,
  stationaryTimeShares,
} from '../../../src/main/exchange/regimes';
import { intradayActivity } from '../../../src/main/exchange/seasonality';
import { ExchangeSimulation } from '../../../src/main/exchange/simulation';
import type { MarketEvent } from '../../../src/shared/domain/marketEvents';
import { buildOptionsContext } from '../../../src/shared/options/buildContext';

const MINUTE_US = 60_000_000;
const utcUs = (iso: string): number => Date.parse(iso) * 1000;

function makeSimulation(overrides: Partial<ExchangeConfig> = {}): ExchangeSimulation {
  return new ExchangeSimulation({
    profile: 'nse',
    seed: 42,
    symbols: ['NIFTY'],
    strikesAroundAtm: 3,
    ...overrides,
  });
}

function eventsFor(sim: ExchangeSimulation, minutes: number): MarketEvent[] {
  return sim.advanceCollect(sim.nowUs() + minutes * MINUTE_US);
}

describe('simulation determinism', () => {
  it('replays the same events for the same seed', () => {
    expect(eventsFor(makeSimulation(), 5)).toEqual(eventsFor(makeSimulation(), 5));
  });

  it('produces a different session for a different seed', () => {
    expect(eventsFor(makeSimulation({ seed: 43 }), 5)).not.toEqual(eventsFor(makeSimulation(), 5));
  });

  it('gives the same events whether time advances in one step or many', () => {
    const whole = eventsFor(makeSimulation(), 3);
    const stepped = makeSimulation();
    const pieces: MarketEvent[] = [];
    const end = stepped.nowUs() + 3 * MINUTE_US;
    for (let t = stepped.nowUs() + 777; t < end; t += 12_345)
      stepped.advance(t, (event) => pieces.push(event));
    stepped.advance(end, (event) => pieces.push(event));
    expect(pieces).toEqual(whole);
  });

  it('keeps a symbol’s events unchanged when other underlyings are added', () => {
    const alone = eventsFor(makeSimulation(), 3).filter((event) => event.symbol.startsWith('NIFTY'));
    const together = eventsFor(makeSimulation({ symbols: ['NIFTY', 'BANKNIFTY'] }), 3).filter((event) =>
      event.symbol.startsWith('NIFTY'),
    );
    expect(together).toEqual(alone);
  });

  it('builds only the events of interest without changing them', () => {
    const all = eventsFor(makeSimulation(), 3);
    const sim = makeSimulation();
    const wanted = 'NIFTY-2026-01-06-26000-CE';
    sim.setInterest((symbol) => symbol === wanted);
    const filtered = eventsFor(sim, 3);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((event) => event.symbol === wanted)).toBe(true);
    expect(filtered).toEqual(all.filter((event) => event.symbol === wanted));
  });

  it('refuses to move time backwards', () => {
    const sim = makeSimulation();
    sim.advance(sim.nowUs() + 1000, () => undefined);
    expect(() => sim.advance(sim.nowUs() - 1, () => undefined)).toThrow(/already at/);
  });
});

describe('sessions and listings', () => {
  it('starts at the NSE open (09:15 IST) of the start date and emits an index tick each second', () => {
    const sim = makeSimulation();
    expect(sim.nowUs()).toBe(utcUs('2026-01-06T03:45:00Z'));
    const indexTicks = eventsFor(sim, 1).filter((event) => event.type === 'index');
    expect(indexTicks.length).toBeGreaterThanOrEqual(60);
    expect(indexTicks.length).toBeLessThanOrEqual(61);
  });

  it('emits no index ticks for US equities', () => {
    const sim = new ExchangeSimulation({ profile: 'us', seed: 1, symbols: ['SPY'], strikesAroundAtm: 1 });
    expect(sim.nowUs()).toBe(utcUs('2026-01-09T14:30:00Z'));
    expect(eventsFor(sim, 1).some((event) => event.type === 'index')).toBe(false);
  });

  it('lists weekly NIFTY contracts around the money for this week and next', () => {
    const sim = makeSimulation();
    expect(sim.expiries('NIFTY')).toEqual(['2026-01-06', '2026-01-13']);
    const options = sim.instruments().filter((instrument) => instrument.kind === 'option');
    expect(options).toHaveLength(2 * 7 * 2);
    expect(options[0]).toMatchObject({ symbol: 'NIFTY-2026-01-06-25850-CE', lotSize: 65, tickUnits: 5 });
  });

  it('is silent between sessions and re-lists the chain at the next open, carrying open interest', () => {
    const sim = makeSimulation({ strikesAroundAtm: 10 });
    const close = sim.session().closeUs;
    sim.setInterest(() => false); // the day itself is not under test: skip building its events
    sim.advance(close - MINUTE_US, () => undefined);
    sim.setInterest(null);
    const oiAt = (): Map<string, number> =>
      new Map(
        sim.chainSnapshot('NIFTY', '2026-01-13').rows.map((row) => [`${row.strike}`, row.ce?.oi ?? -1]),
      );
    const lastMinute = sim.advanceCollect(close);
    const oiBefore = oiAt();
    const versionBefore = sim.instrumentsVersion;
    const overnight = sim.advanceCollect(utcUs('2026-01-07T03:44:59Z'));
    expect(lastMinute.length).toBeGreaterThan(0);
    expect(overnight).toEqual([]);
    expect(overnight.every((event) => event.tsEvent < close)).toBe(true);
    expect(sim.isOpen()).toBe(false);
    expect(sim.session().date).toBe('2026-01-07');

    const morning = sim.advanceCollect(utcUs('2026-01-07T03:46:00Z'));
    expect(morning.length).toBeGreaterThan(0);
    expect(morning[0].tsEvent).toBeGreaterThanOrEqual(utcUs('2026-01-07T03:45:00Z'));
    expect(sim.instrumentsVersion).toBe(versionBefore + 1);
    expect(sim.expiries('NIFTY')).toEqual(['2026-01-13', '2026-01-20']);
    // Strikes listed on both days keep yesterday's closing open interest as today's starting point.
    const snapshotAtOpen = sim.chainSnapshot('NIFTY', '2026-01-13');
    const common = snapshotAtOpen.rows.filter((row) => oiBefore.has(`${row.strike}`));
    expect(common.length).toBeGreaterThan(0);
    for (const row of common)
      expect((row.ce?.oi ?? 0) - (row.ce?.oiChange ?? 0)).toBe(oiBefore.get(`${row.strike}`));
  });

  it('skips holidays when rolling to the next session', () => {
    const sim = new ExchangeSimulation({
      profile: 'nse',
      seed: 1,
      symbols: ['NIFTY'],
      strikesAroundAtm: 1,
      startDate: '2026-01-23',
    });
    sim.setInterest(() => false);
    sim.advance(sim.session().closeUs, () => undefined);
    expect(sim.session().date).toBe('2026-01-27'); // over the weekend and Republic Day (Monday 26th)
  });
});

describe('option chain values', () => {
  it('exposes greeks per contract that fit the option type', () => {
    const sim = makeSimulation();
    eventsFor(sim, 1);
    const call = sim.greeks('NIFTY-2026-01-13-26000-CE');
    const put = sim.greeks('NIFTY-2026-01-13-26000-PE');
    expect(call?.delta).toBeGreaterThan(0);
    expect(call?.delta).toBeLessThan(1);
    expect(put?.delta).toBeLessThan(0);
    expect(put?.delta).toBeGreaterThan(-1);
    expect(call?.gamma).toBeGreaterThan(0);
    expect(call?.vega).toBeGreaterThan(0);
    expect(call?.theta).toBeLessThan(0);
    expect(call?.thetaPerDay).toBeCloseTo((call?.theta ?? 0) / 365, 12);
    expect(sim.greeks('NIFTY')).toBeNull();
  });

  it('produces a ChainSnapshot with the expiry close and contract multiplier', () => {
    const sim = makeSimulation();
    eventsFor(sim, 1);
    const snapshot = sim.chainSnapshot('NIFTY');
    expect(snapshot.expiry).toBe('2026-01-06');
    expect(snapshot.expiryUs).toBe(utcUs('2026-01-06T10:00:00Z'));
    expect(snapshot.contractMultiplier).toBe(65);
    expect(snapshot.rows.map((row) => row.strike)).toEqual(
      [...snapshot.rows.map((row) => row.strike)].sort((a, b) => a - b),
    );
    expect(() => sim.chainSnapshot('NIFTY', '2026-02-01')).toThrow(/no listed expiry 2026-02-01/);
  });
});

describe('options context from the simulated chain', () => {
  it('builds the engine’s options context from a chain snapshot', () => {
    const sim = makeSimulation({ strikesAroundAtm: 10 });
    eventsFor(sim, 2);
    const snapshot = sim.chainSnapshot('NIFTY', '2026-01-13');
    const context = buildOptionsContext(snapshot, {
      nowUs: sim.nowUs(),
      rate: sim.config.riskFreeRate,
      dividendYield: 0.012,
    });
    expect(context.underlying).toBe('NIFTY');
    expect(Math.abs(context.atmStrike - snapshot.spot)).toBeLessThanOrEqual(25);
    expect(context.pcr).toBeGreaterThan(0.2);
    expect(context.pcr).toBeLessThan(5);
    expect(context.atmIV).toBeGreaterThan(0.08);
    expect(context.atmIV).toBeLessThan(0.25);
    expect(context.spreadWidth).toBeGreaterThan(0);
    expect(context.topGammaStrikes.length).toBeGreaterThan(0);
  });
});

describe('configuration', () => {
  it('rejects an unknown underlying, naming the known ones', () => {
    expect(() => makeSimulation({ symbols: ['MIDCPNIFTY'] })).toThrow(ExchangeConfigError);
    expect(() => makeSimulation({ symbols: ['MIDCPNIFTY'] })).toThrow(
      /known: NIFTY, BANKNIFTY, FINNIFTY, SENSEX/,
    );
  });

  it('rejects transition rows that do not sum to 1', () => {
    expect(() =>
      makeSimulation({ regimes: { transitions: { trend: { range: 0.5, volatile: 0.2 } } } }),
    ).toThrow(/regimes: transitions\.trend must sum to 1/);
  });

  it('rejects a self-transition and a non-positive duration', () => {
    expect(() => resolveRegimeModel({ transitions: { jump: { jump: 1 } } })).toThrow(
      /transitions\.jump\.jump must be 0/,
    );
    expect(() => resolveRegimeModel({ meanDurationSeconds: { range: 0 } })).toThrow(
      /meanDurationSeconds\.range/,
    );
  });

  it('rejects impossible strike and expiry counts', () => {
    expect(() => makeSimulation({ strikesAroundAtm: -1 })).toThrow(/strikesAroundAtm/);
    expect(() => makeSimulation({ expiriesPerUnderlying: 0 })).toThrow(/expiriesPerUnderlying/);
  });

  it('applies custom regime probabilities (a market that never jumps)', () => {
    const sim = makeSimulation({
      regimes: {
        transitions: {
          trend: { range: 0.5, volatile: 0.5, jump: 0 },
          range: { trend: 0.5, volatile: 0.5, jump: 0 },
          volatile: { trend: 0.5, range: 0.5, jump: 0 },
        },
      },
      strikesAroundAtm: 0,
      expiriesPerUnderlying: 1,
    });
    sim.setInterest(() => false);
    sim.advance(sim.session().closeUs, () => undefined);
    expect(sim.regimeStatistics('NIFTY').entries.jump).toBe(0);
  });
});

describe('model building blocks', () => {
  it('normalises the intraday activity curve to a mean of 1, busier at the open and close', () => {
    let sum = 0;
    const steps = 10_000;
    for (let i = 0; i < steps; i++) sum += intradayActivity((i + 0.5) / steps);
    expect(sum / steps).toBeCloseTo(1, 3);
    expect(intradayActivity(0)).toBeGreaterThan(3 * intradayActivity(0.5));
    expect(intradayActivity(1)).toBeGreaterThan(3 * intradayActivity(0.5));
  });

  it('computes long-run regime time shares that sum to 1 and a variance multiplier above 1', () => {
    const model = resolveRegimeModel();
    const shares = stationaryTimeShares(model);
    expect(Object.values(shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(shares.jump).toBeLessThan(0.05);
    expect(diffusionVarianceMultiplier(model)).toBeGreaterThan(1);
  });
});
