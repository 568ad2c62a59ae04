import { describe, expect, it } from 'vitest';
import type { TimestampUs } from '../../../src/shared/domain/time';
import { buildOptionsContext } from '../../../src/shared/options/buildContext';
import { analyzeChain } from '../../../src/shared/options/chain/analyzeChain';
import { atmIndex, rowIv, spreadWidth, straddlePrice } from '../../../src/shared/options/chain/atm';
import { gammaExposure } from '../../../src/shared/options/chain/gex';
import { maxPain } from '../../../src/shared/options/chain/maxPain';
import {
  chainTotals,
  classifyOiBuildup,
  oiChangeByStrike,
  putCallRatio,
} from '../../../src/shared/options/chain/openInterest';
import { yearsToExpiry } from '../../../src/shared/options/chain/snapshot';
import { ivPercentile, ivSmile } from '../../../src/shared/options/chain/volatility';
import { priceOption } from '../../../src/shared/options/pricing';
import { makeRow, makeSnapshot } from './chainFactories';

describe('open interest and PCR', () => {
  const snapshot = makeSnapshot([
    makeRow(90, { oi: 100, volume: 10, oiChange: 5 }, { oi: 300, volume: 30, oiChange: -7 }),
    makeRow(100, { oi: 200, volume: 20, oiChange: 15 }, null),
    makeRow(110, null, { oi: 100, volume: 50, oiChange: 1 }),
  ]);

  it('sums OI, volume and OI change per side, skipping missing sides', () => {
    expect(chainTotals(snapshot)).toEqual({
      callOi: 300,
      putOi: 400,
      callVolume: 30,
      putVolume: 80,
      callOiChange: 20,
      putOiChange: -6,
    });
  });

  it('PCR is put over call, NaN without call OI', () => {
    expect(putCallRatio(400, 300)).toBeCloseTo(4 / 3, 15);
    expect(putCallRatio(10, 0)).toBeNaN();
    const analytics = analyzeChain(snapshot);
    expect(analytics.pcrOi).toBeCloseTo(400 / 300, 15);
    expect(analytics.pcrVolume).toBeCloseTo(80 / 30, 15);
  });
});

describe('OI buildup classification (price change × OI change)', () => {
  it.each([
    [+1, +100, 'longBuildup'],
    [-1, +100, 'shortBuildup'],
    [+1, -100, 'shortCovering'],
    [-1, -100, 'longUnwinding'],
    [0, +100, 'neutral'],
    [+1, 0, 'neutral'],
  ] as const)('price %d, OI %d → %s', (priceChange, oiChange, expected) => {
    expect(classifyOiBuildup(priceChange, oiChange)).toBe(expected);
  });

  it('reports OI change and buildup per strike and side', () => {
    const snapshot = makeSnapshot([
      makeRow(100, { oiChange: 50, ltpChange: 2 }, { oiChange: 40, ltpChange: -3 }),
      makeRow(110, { oiChange: -20, ltpChange: -1 }, null),
    ]);
    expect(oiChangeByStrike(snapshot)).toEqual([
      { strike: 100, ceOiChange: 50, peOiChange: 40, ceBuildup: 'longBuildup', peBuildup: 'shortBuildup' },
      { strike: 110, ceOiChange: -20, peOiChange: 0, ceBuildup: 'longUnwinding', peBuildup: 'neutral' },
    ]);
  });
});

describe('max pain', () => {
  /** The definition, O(n²): holders' payout at each strike as settlement; ties to the lower strike. */
  function bruteForceMaxPain(rows: ReturnType<typeof makeRow>[]): { strike: number; payout: number } {
    let best = { strike: Number.NaN, payout: Infinity };
    for (const settlement of rows) {
      let payout = 0;
      for (const row of rows) {
        payout += (row.ce?.oi ?? 0) * Math.max(settlement.strike - row.strike, 0);
        payout += (row.pe?.oi ?? 0) * Math.max(row.strike - settlement.strike, 0);
      }
      if (payout < best.payout) best = { strike: settlement.strike, payout };
    }
    return best;
  }

  it('is the strike where holders are paid least: a hand-worked chain', () => {
    // Settle at 90: puts 100 & 110 pay 10×50 + 20×10 = 700. At 100: call 90 pays 10×10, put 110 pays 10×10 = 200.
    // At 110: calls 90 & 100 pay 20×10 + 10×40 = 600. Max pain 100, payout 200.
    const snapshot = makeSnapshot([
      makeRow(90, { oi: 10 }, { oi: 5 }),
      makeRow(100, { oi: 40 }, { oi: 50 }),
      makeRow(110, { oi: 1 }, { oi: 10 }),
    ]);
    expect(maxPain(snapshot)).toEqual({ strike: 100, payout: 200 });
  });

  it('matches the O(n²) definition on an uneven 60-strike chain and scales payout by the multiplier', () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      makeRow(
        15000 + 50 * i,
        { oi: ((i * 7919) % 1000) + (i > 40 ? 3000 : 0) },
        { oi: ((i * 104729) % 1300) + (i < 15 ? 2500 : 0) },
      ),
    );
    const expected = bruteForceMaxPain(rows);
    const result = maxPain(makeSnapshot(rows, { contractMultiplier: 50 }));
    expect(result?.strike).toBe(expected.strike);
    expect(result?.payout).toBeCloseTo(expected.payout * 50, 3);
  });

  it('is null for an empty chain', () => {
    expect(maxPain(makeSnapshot([]))).toBeNull();
  });
});

describe('ATM strike, ATM IV, straddle, spread', () => {
  const snapshot = makeSnapshot(
    [
      makeRow(95, { iv: 0.3 }, { iv: 0.32 }),
      makeRow(100, { iv: 0.2, bid: 3.9, ask: 4.1, ltp: 3 }, { iv: 0.22, bid: 2.8, ask: 3.4, ltp: 3.3 }),
      makeRow(105, { iv: 0.18 }, null),
    ],
    { spot: 101.2 },
  );

  it('ATM is the strike nearest the spot, the lower one on a tie', () => {
    expect(snapshot.rows[atmIndex(snapshot)].strike).toBe(100);
    expect(atmIndex(makeSnapshot(snapshot.rows, { spot: 102.5 }))).toBe(1);
    expect(atmIndex(makeSnapshot([]))).toBe(-1);
  });

  it('ATM IV averages the call and put IV, or takes the one that exists', () => {
    expect(rowIv(snapshot.rows[1])).toBeCloseTo(0.21, 15);
    expect(rowIv(snapshot.rows[2])).toBe(0.18);
    expect(rowIv(makeRow(1, { iv: null }, null))).toBeNaN();
  });

  it('straddle uses mids of two-sided quotes, else last prices; the implied move is straddle / spot', () => {
    expect(straddlePrice(snapshot.rows[1])).toBeCloseTo(4 + 3.1, 12);
    expect(straddlePrice(makeRow(100, { ltp: 5, bid: 0, ask: 5.2 }, { ltp: 4 }))).toBe(9);
    const analytics = analyzeChain(snapshot);
    expect(analytics.straddle).toBeCloseTo(7.1, 12);
    expect(analytics.impliedMove).toBeCloseTo(7.1 / 101.2, 14);
    expect(analytics.oneSigmaMove).toBeCloseTo(101.2 * 0.21 * Math.sqrt(yearsToExpiry(snapshot)), 12);
  });

  it('spread width is the mean ATM ask − bid over two-sided quotes', () => {
    expect(spreadWidth(snapshot.rows[1])).toBeCloseTo((0.2 + 0.6) / 2, 12);
    expect(spreadWidth(makeRow(100, { bid: 1, ask: 1.5 }, { bid: 0, ask: 2 }))).toBeCloseTo(0.5, 12);
  });
});

describe('IV smile and IV percentile', () => {
  it('takes the OTM side per strike (puts below spot, calls above), falling back to the other side', () => {
    const snapshot = makeSnapshot(
      [
        makeRow(90, { iv: 0.4 }, { iv: 0.3 }),
        makeRow(100, { iv: 0.2 }, { iv: 0.21 }),
        makeRow(110, null, { iv: 0.25 }),
      ],
      { spot: 100 },
    );
    const smile = ivSmile(snapshot);
    expect(smile.map((point) => point.iv)).toEqual([0.3, 0.2, 0.25]);
    expect(smile[0].logMoneyness).toBeCloseTo(Math.log(0.9), 15);
  });

  it('IV percentile is the share of history strictly below the current IV, null without history', () => {
    expect(ivPercentile(0.2, [0.1, 0.15, 0.2, 0.25, 0.3])).toBe(40);
    expect(ivPercentile(0.5, [0.1, Number.NaN, 0.2])).toBe(100);
    expect(ivPercentile(0.2, [])).toBeNull();
    expect(ivPercentile(0.2, undefined)).toBeNull();
    expect(ivPercentile(Number.NaN, [0.1])).toBeNull();
  });
});

describe('gamma exposure', () => {
  const years = 0.05;
  const spot = 100;
  // Expiry placed `years` after the snapshot.
  const expiryUs = 1_000_000_000_000 + Math.round(years * 365 * 24 * 3600 * 1e6);
  const base = {
    spot,
    timestampUs: 1_000_000_000_000 as TimestampUs,
    expiryUs: expiryUs as TimestampUs,
    contractMultiplier: 50,
  };

  it('is gamma × OI × multiplier × spot² × 1 %, calls positive, puts negative', () => {
    const snapshot = makeSnapshot([makeRow(100, { oi: 1000, iv: 0.2 }, { oi: 400, iv: 0.25 })], base);
    const gex = gammaExposure(snapshot, { years });
    const callGamma = priceOption({
      model: 'bs',
      type: 'call',
      spot,
      strike: 100,
      years,
      rate: 0,
      vol: 0.2,
    }).gamma;
    const putGamma = priceOption({
      model: 'bs',
      type: 'put',
      spot,
      strike: 100,
      years,
      rate: 0,
      vol: 0.25,
    }).gamma;
    expect(gex.strikes[0].ceGex).toBeCloseTo(callGamma * 1000 * 50 * spot * spot * 0.01, 6);
    expect(gex.strikes[0].peGex).toBeCloseTo(-putGamma * 400 * 50 * spot * spot * 0.01, 6);
    expect(gex.netGex).toBeCloseTo(gex.strikes[0].ceGex + gex.strikes[0].peGex, 6);
    expect(gex.callGex).toBeGreaterThan(0);
    expect(gex.putGex).toBeLessThan(0);
  });

  it('counts contracts with OI but no IV instead of inventing a gamma', () => {
    const snapshot = makeSnapshot([makeRow(100, { oi: 10, iv: null }, { oi: 0, iv: null })], base);
    const gex = gammaExposure(snapshot, { years });
    expect(gex.missingIv).toBe(1);
    expect(gex.netGex).toBe(0);
  });

  it('ranks top gamma strikes by |net GEX| and finds the flip where cumulative GEX changes sign', () => {
    // Heavy puts below spot, heavy calls above: cumulative GEX is negative, then turns positive.
    const snapshot = makeSnapshot(
      [
        makeRow(90, null, { oi: 5000, iv: 0.3 }),
        makeRow(95, null, { oi: 8000, iv: 0.25 }),
        makeRow(100, { oi: 3000, iv: 0.2 }, { oi: 3000, iv: 0.2 }),
        makeRow(105, { oi: 9000, iv: 0.2 }, null),
        makeRow(110, { oi: 7000, iv: 0.22 }, null),
      ],
      base,
    );
    const gex = gammaExposure(snapshot, { years, topCount: 3 });
    const net = gex.strikes.map((entry) => entry.netGex);
    const expectedTop = [...gex.strikes]
      .sort((a, b) => Math.abs(b.netGex) - Math.abs(a.netGex))
      .slice(0, 3)
      .map((entry) => entry.strike);
    expect(gex.topGammaStrikes).toEqual(expectedTop);

    let cumulative = 0;
    const sums = net.map((value) => (cumulative += value));
    const crossing = sums.findIndex((value, i) => i > 0 && Math.sign(value) !== Math.sign(sums[i - 1]));
    expect(crossing).toBeGreaterThan(0);
    expect(gex.flipZones[0]).toBe(snapshot.rows[crossing].strike);
    const lower = snapshot.rows[crossing - 1].strike;
    const upper = snapshot.rows[crossing].strike;
    expect(gex.flipLevels[0]).toBeGreaterThan(lower);
    expect(gex.flipLevels[0]).toBeLessThan(upper);
    const expectedLevel =
      lower + ((upper - lower) * sums[crossing - 1]) / (sums[crossing - 1] - sums[crossing]);
    expect(gex.flipLevels[0]).toBeCloseTo(expectedLevel, 9);
  });
});

describe('buildOptionsContext', () => {
  it('summarises a snapshot for the engine, stamped with the injected clock', () => {
    const snapshot = makeSnapshot(
      [
        makeRow(95, { oi: 100, iv: 0.3, oiChange: 10 }, { oi: 500, iv: 0.32, oiChange: 40 }),
        makeRow(
          100,
          { oi: 400, iv: 0.2, bid: 2, ask: 2.2, oiChange: 30 },
          { oi: 300, iv: 0.22, bid: 1.8, ask: 2.2 },
        ),
        makeRow(105, { oi: 600, iv: 0.18 }, { oi: 50, iv: 0.2, oiChange: -5 }),
      ],
      { spot: 101 },
    );
    const nowUs = 1_648_444_700_000_000 as TimestampUs;
    const context = buildOptionsContext(snapshot, { nowUs, ivHistory: [0.1, 0.2, 0.3, 0.4] });
    const analytics = analyzeChain(snapshot);
    expect(context).toEqual({
      underlying: 'NIFTY',
      expiry: '2022-03-31',
      spot: 101,
      pcr: 850 / 1100,
      pcrVolume: Number.NaN,
      maxPainStrike: analytics.maxPain,
      spotVsMaxPain: (101 - analytics.maxPain) / 101,
      atmStrike: 100,
      atmIV: expect.closeTo(0.21, 14),
      ivPercentile: 50,
      topGammaStrikes: analytics.gex.topGammaStrikes,
      gexFlipZones: analytics.gex.flipZones,
      netGex: analytics.gex.netGex,
      oiChangeCE: 40,
      oiChangePE: 35,
      spreadWidth: expect.closeTo(0.3, 14),
      lastUpdated: nowUs,
    });
  });
});
