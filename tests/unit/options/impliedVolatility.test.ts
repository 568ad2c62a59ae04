import { describe, expect, it } from 'vitest';
import type { PricingInput } from '../../../src/shared/options/pricing';
import { impliedVolatility, priceOption } from '../../../src/shared/options/pricing';

/** A reference value with all the digits its source printed (parsed, so no literal loses precision). */
const ref = (digits: string): number => Number(digits);

const HOUR = 1 / (365 * 24);
const MONEYNESS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1, 1.05, 1.1, 1.25, 1.5, 1.75, 2.0]; // strike / spot
const EXPIRIES = [HOUR, 4 * HOUR, 1 / 365, 7 / 365, 30 / 365, 0.25, 1, 2];
const VOLS = [0.05, 0.1, 0.2, 0.4, 0.8, 1.5];

interface GridPoint {
  input: PricingInput;
  price: number;
  /** Rounding noise of the generated price mapped to vol: |Δσ| ≈ 8ε × (size of the two legs) / vega. */
  volNoise: number;
  /** Absolute price noise: what "reproduces the price" can mean in double precision. */
  priceNoise: number;
}

function grid(): GridPoint[] {
  const points: GridPoint[] = [];
  for (const model of ['bs', 'black76'] as const)
    for (const type of ['call', 'put'] as const)
      for (const moneyness of MONEYNESS)
        for (const years of EXPIRIES)
          for (const vol of VOLS) {
            const input: PricingInput = {
              model,
              type,
              spot: 100,
              strike: 100 * moneyness,
              years,
              rate: 0.07,
              vol,
              dividendYield: model === 'bs' ? 0.02 : undefined,
            };
            const greeks = priceOption(input);
            // The price is underlyingLeg − strikeLeg (call) or the reverse (put); underlyingLeg = spot × |delta|.
            const legs = 2 * input.spot * Math.abs(greeks.delta) + greeks.price;
            points.push({
              input,
              price: greeks.price,
              volNoise: (8 * Number.EPSILON * legs) / greeks.vega,
              priceNoise: 16 * Number.EPSILON * legs,
            });
          }
  return points;
}

/**
 * Where the price carries information about the vol to better than 1e-7 (ten times under the 1e-6 we
 * demand): its rounding noise moves the implied vol by less than that, and it is a normal double
 * (prices under 1e-300 are within 10^8 of the smallest normal double and have lost their digits).
 * The others are deep ITM / far OTM points at short expiries whose time value is zero or a few ulp:
 * a whole range of vols reproduces them, so no solver can recover "the" vol.
 */
function informative(point: GridPoint): boolean {
  return point.price > 1e-300 && point.volNoise <= 1e-7;
}

describe('implied volatility recovers the volatility of generated prices', () => {
  const points = grid();

  it('to 1e-6 over moneyness 0.5–2.0, expiries 1 hour–2 years, vols 5–150 %, both models and types', () => {
    let checked = 0;
    let worst = 0;
    for (const point of points.filter(informative)) {
      const result = impliedVolatility({ ...point.input, price: point.price });
      expect(result, JSON.stringify(point.input)).toMatchObject({ ok: true });
      if (!result.ok) continue;
      worst = Math.max(worst, Math.abs(result.iv - point.input.vol));
      expect(Math.abs(result.iv - point.input.vol), JSON.stringify(point.input)).toBeLessThan(1e-6);
      checked++;
    }
    // 2 496 grid points of which 1 683 carry information at this tolerance (measured); the rest are the
    // zero-time-value corners. A drop here means the informative set shrank, i.e. the test got weaker.
    expect(points.length).toBe(2496);
    expect(checked).toBeGreaterThan(1600);
    expect(worst).toBeLessThan(1e-7);
  });

  it('covers the short expiries: informative points exist at 1 hour and 4 hours', () => {
    expect(points.filter((point) => informative(point) && point.input.years === HOUR).length).toBeGreaterThan(
      50,
    );
    expect(
      points.filter((point) => informative(point) && point.input.years === 4 * HOUR).length,
    ).toBeGreaterThan(80);
  });

  it('converges in a handful of iterations (Halley on ln b with a good start)', () => {
    for (const point of points.filter(informative)) {
      const result = impliedVolatility({ ...point.input, price: point.price });
      if (result.ok) expect(result.iterations).toBeLessThanOrEqual(8);
    }
  });

  it('where the price carries no information it either says so or returns a vol that reproduces the price', () => {
    let refused = 0;
    for (const point of points.filter((candidate) => !informative(candidate))) {
      const result = impliedVolatility({ ...point.input, price: point.price });
      if (result.ok) {
        const repriced = priceOption({ ...point.input, vol: result.iv }).price;
        expect(Math.abs(repriced - point.price)).toBeLessThanOrEqual(point.priceNoise + 1e-300);
      } else {
        refused++;
        expect(result.reason).toMatch(/equals the intrinsic value .* not identifiable/);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

describe('implied volatility: no-arbitrage bounds and bad input', () => {
  const call = { model: 'bs' as const, type: 'call' as const, spot: 100, strike: 90, years: 0.5, rate: 0.05 };
  const discountedIntrinsic = 100 - 90 * Math.exp(-0.025);

  it('recovers a textbook vol: Hull S=42 K=40 r=10% T=0.5 at σ=20%', () => {
    const input = {
      model: 'bs' as const,
      type: 'call' as const,
      spot: 42,
      strike: 40,
      years: 0.5,
      rate: 0.1,
    };
    const result = impliedVolatility({ ...input, price: priceOption({ ...input, vol: 0.2 }).price });
    expect(result.ok && result.iv).toBeCloseTo(0.2, 12);
  });

  it('refuses a price below the discounted intrinsic value', () => {
    const result = impliedVolatility({ ...call, price: discountedIntrinsic - 0.01 });
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/below the no-arbitrage lower bound/),
    });
  });

  it('refuses a call price at or above the discounted forward (spot × e^{−qT}) and a put above K·e^{−rT}', () => {
    expect(impliedVolatility({ ...call, price: 100.5 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/above the no-arbitrage upper bound .*\(discounted forward\)/),
    });
    expect(impliedVolatility({ ...call, type: 'put', price: 90 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/above the no-arbitrage upper bound .*\(discounted strike\)/),
    });
  });

  it('refuses a price equal to intrinsic value: every small vol fits it', () => {
    const result = impliedVolatility({ ...call, price: discountedIntrinsic });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/no time value/) });
    expect(impliedVolatility({ ...call, strike: 150, price: 0 })).toMatchObject({ ok: false });
  });

  it('refuses an expired option, a non-finite price and bad contract fields, naming the problem', () => {
    expect(impliedVolatility({ ...call, years: 0, price: 10 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/expired/),
    });
    expect(impliedVolatility({ ...call, price: Number.NaN })).toEqual({
      ok: false,
      reason: expect.stringMatching(/price/),
    });
    expect(impliedVolatility({ ...call, spot: -5, price: 1 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/spot/),
    });
  });

  it('solves a very high vol near the upper bound (σ = 300 %, 2 years)', () => {
    const input = {
      model: 'black76' as const,
      type: 'call' as const,
      spot: 100,
      strike: 100,
      years: 2,
      rate: 0.03,
    };
    const result = impliedVolatility({ ...input, price: priceOption({ ...input, vol: 3 }).price });
    expect(result.ok && result.iv).toBeCloseTo(3, 9);
  });

  it('solves a deep OTM put whose price is 1e-48 (1 hour, strike 3 % below spot)', () => {
    const input = {
      model: 'bs' as const,
      type: 'put' as const,
      spot: 100,
      strike: 97,
      years: HOUR,
      rate: 0.05,
    };
    const result = impliedVolatility({ ...input, price: ref('2.9728680331300426234e-48') }); // mpmath price at σ = 20 %
    expect(result.ok && result.iv).toBeCloseTo(0.2, 12);
  });
});
