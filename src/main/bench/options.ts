import type { TimestampUs } from '../../shared/domain/time';
import { buildOptionsContext } from '../../shared/options/buildContext';
import { analyzeChain } from '../../shared/options/chain/analyzeChain';
import type { ChainRow, ChainSnapshot } from '../../shared/options/chain/snapshot';
import { MICROSECONDS_PER_YEAR } from '../../shared/options/chain/snapshot';
import type { PricingInput } from '../../shared/options/pricing';
import type { BenchSuite } from './types';
import { impliedVolatility, priceOption } from '../../shared/options/pricing';

/**
 * Options analytics benchmark (issue 3): a full chain-analytics pass on a generated 200-strike chain
 * (analyzeChain alone, and buildOptionsContext, which runs it and maps the engine's context), IV solves
 * per second over a mixed grid, and priceOption calls per second. Prints nothing; returns the figures.
 */

const STRIKES = 200;

/** Deterministic pseudo-random numbers (mulberry32) so every run measures the same chain. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A NIFTY-like weekly chain: 50-point strikes around 24000, a skewed smile, OI peaking near the money. */
export function generateChain(strikes = STRIKES, seed = 7): ChainSnapshot {
  const random = seededRandom(seed);
  const spot = 24_013.35;
  const timestampUs = 1_767_000_000_000_000 as TimestampUs;
  const years = 3 / 365;
  const rows: ChainRow[] = [];
  const first = Math.round(spot / 50) * 50 - (strikes / 2) * 50;
  for (let i = 0; i < strikes; i++) {
    const strike = first + 50 * i;
    const moneyness = Math.log(strike / spot);
    const iv = 0.13 - 0.35 * moneyness + 2.5 * moneyness * moneyness;
    const peak = Math.exp(-((moneyness / 0.02) ** 2));
    const side = (type: 'call' | 'put') => {
      const fair = priceOption({ model: 'bs', type, spot, strike, years, rate: 0.065, vol: iv }).price;
      const spread = Math.max(0.05, fair * 0.01);
      return {
        oi: Math.round(2_000 + 150_000 * peak * (0.5 + random())),
        oiChange: Math.round((random() - 0.4) * 20_000 * peak),
        volume: Math.round(500_000 * peak * random()),
        iv,
        ltp: fair,
        ltpChange: (random() - 0.5) * fair * 0.2,
        bid: Math.max(fair - spread / 2, 0),
        ask: fair + spread / 2,
        bidQty: 75 * Math.ceil(random() * 20),
        askQty: 75 * Math.ceil(random() * 20),
      };
    };
    rows.push({ strike, ce: side('call'), pe: side('put') });
  }
  return {
    underlying: 'NIFTY',
    spot,
    expiry: '2025-12-31',
    expiryUs: (timestampUs + years * MICROSECONDS_PER_YEAR) as TimestampUs,
    timestampUs,
    contractMultiplier: 75,
    rows,
  };
}

/** Mixed grid: both models and types, moneyness 0.5–2.0, 1 hour to 2 years, vols 5–150 %, solvable prices only. */
export function ivGrid(): (Omit<PricingInput, 'vol'> & { price: number })[] {
  const grid: (Omit<PricingInput, 'vol'> & { price: number })[] = [];
  const hour = 1 / (365 * 24);
  for (const model of ['bs', 'black76'] as const)
    for (const type of ['call', 'put'] as const)
      for (const moneyness of [0.5, 0.7, 0.85, 0.95, 1, 1.05, 1.15, 1.4, 2])
        for (const years of [hour, 6 * hour, 2 / 365, 7 / 365, 30 / 365, 0.5, 2])
          for (const vol of [0.05, 0.15, 0.3, 0.6, 1.5]) {
            const contract = {
              model,
              type,
              spot: 100,
              strike: 100 * moneyness,
              years,
              rate: 0.06,
              dividendYield: model === 'bs' ? 0.01 : undefined,
            };
            const price = priceOption({ ...contract, vol }).price;
            if (impliedVolatility({ ...contract, price }).ok) grid.push({ ...contract, price });
          }
  return grid;
}

interface Measurement {
  perSecond: number;
  microsPerOp: number;
}

/** Runs `operation` in batches until `budgetMs` has passed (after a warm-up) and reports the rate. */
function measure(
  budgetMs: number,
  batch: number,
  operation: (iteration: number) => number,
): { result: Measurement; sink: number } {
  let sink = 0;
  for (let i = 0; i < batch; i++) sink += operation(i); // warm-up: let the JIT optimise first
  let operations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let i = 0; i < batch; i++) sink += operation(operations + i);
    operations += batch;
    elapsed = performance.now() - start;
  }
  return {
    result: { perSecond: (operations / elapsed) * 1000, microsPerOp: (elapsed * 1000) / operations },
    sink,
  };
}

const round = (value: number, digits: number): number => Number(value.toPrecision(digits));

export async function run(options: { quick: boolean }): Promise<Record<string, unknown>> {
  const budgetMs = options.quick ? 200 : 2_000;
  const snapshot = generateChain();
  const nowUs = snapshot.timestampUs;
  const ivHistory = Array.from({ length: 250 }, (_, i) => 0.1 + 0.1 * Math.sin(i / 9) ** 2);
  let sink = 0;

  const analytics = measure(
    budgetMs,
    50,
    () => analyzeChain(snapshot, { rate: 0.065, ivHistory }).gex.netGex,
  );
  sink += analytics.sink;
  const context = measure(
    budgetMs,
    50,
    () => buildOptionsContext(snapshot, { nowUs, rate: 0.065, ivHistory }).netGex,
  );
  sink += context.sink;

  const grid = ivGrid();
  let iterations = 0;
  for (const point of grid) {
    const solved = impliedVolatility(point);
    if (solved.ok) iterations += solved.iterations;
  }
  const iv = measure(budgetMs, grid.length, (i) => {
    const solved = impliedVolatility(grid[i % grid.length]);
    return solved.ok ? solved.iv : 0;
  });
  sink += iv.sink;

  // priceOption over the chain's 400 contracts: what the simulated exchange and the engine do per tick.
  const pricingInputs: PricingInput[] = [];
  const years = (snapshot.expiryUs - snapshot.timestampUs) / MICROSECONDS_PER_YEAR;
  for (const row of snapshot.rows) {
    for (const type of ['call', 'put'] as const) {
      const vol = (type === 'call' ? row.ce?.iv : row.pe?.iv) ?? 0.2;
      pricingInputs.push({
        model: 'bs',
        type,
        spot: snapshot.spot,
        strike: row.strike,
        years,
        rate: 0.065,
        vol,
        dividendYield: 0,
      });
    }
  }
  const pricing = measure(
    budgetMs,
    pricingInputs.length,
    (i) => priceOption(pricingInputs[i % pricingInputs.length]).price,
  );
  sink += pricing.sink;

  return {
    chainStrikes: snapshot.rows.length,
    chainAnalyticsPerSecond: round(analytics.result.perSecond, 4),
    chainAnalyticsMicros: round(analytics.result.microsPerOp, 4),
    optionsContextPerSecond: round(context.result.perSecond, 4),
    optionsContextMicros: round(context.result.microsPerOp, 4),
    ivGridPoints: grid.length,
    ivMeanIterations: round(iterations / grid.length, 3),
    ivSolvesPerSecond: round(iv.result.perSecond, 4),
    ivMicros: round(iv.result.microsPerOp, 4),
    priceOptionPerSecond: round(pricing.result.perSecond, 4),
    priceOptionNanos: round(pricing.result.microsPerOp * 1000, 4),
    // Keeps the measured work observable so the JIT cannot drop it; not a figure.
    checksumFinite: Number.isFinite(sink),
  };
}

export const suite: BenchSuite = {
  name: 'options',
  summary: 'chain analytics on a 200-strike chain, IV solves and priceOption calls per second',
  run,
};
