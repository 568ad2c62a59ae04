import type { MarketProfile } from '../../shared/domain/instrument';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import { createExchangeSimulation } from '../exchange/simulation';
import type { BenchOptions, BenchSuite } from './types';

/**
 * Simulated exchange throughput (issue 3): how fast the pure simulation core produces a market.
 * For each profile, all underlyings with the default chain (10 strikes either side, 2 expiries):
 * - eventsPerSecond: every event built and handed to a counting sink (the engine benchmark's path);
 * - eventsPerSimulatedDay and the mix of event types;
 * - simulatedSecondsPerSecond: how many times faster than real time the full market runs;
 * - underlyingOnlyEventsPerSecond: with only the underlyings of interest (the server's case with a
 *   few subscriptions: option contracts still evolve but build no events).
 * A full run simulates one whole session per profile; quick simulates 15 minutes.
 */
async function runProfile(profile: MarketProfile, quick: boolean): Promise<Record<string, unknown>> {
  const simulation = createExchangeSimulation({ profile, seed: 1 });
  const start = simulation.nowUs();
  const end = quick ? start + 15 * 60_000_000 : simulation.session().closeUs;
  const counts: Record<MarketEvent['type'], number> = { trade: 0, quote: 0, depth: 0, index: 0, bar: 0 };
  const began = performance.now();
  simulation.advance(end, (event) => {
    counts[event.type]++;
  });
  const elapsedSeconds = (performance.now() - began) / 1000;
  const total = counts.trade + counts.quote + counts.depth + counts.index + counts.bar;

  const underlyingsOnly = createExchangeSimulation({ profile, seed: 1 });
  const underlyings = new Set(underlyingsOnly.underlyingSymbols());
  underlyingsOnly.setInterest((symbol) => underlyings.has(symbol));
  let underlyingEvents = 0;
  const beganUnderlying = performance.now();
  underlyingsOnly.advance(end, () => {
    underlyingEvents++;
  });
  const underlyingSeconds = (performance.now() - beganUnderlying) / 1000;

  const simulatedSeconds = (end - start) / 1_000_000;
  return {
    underlyings: simulation.underlyingSymbols(),
    instruments: simulation.instruments().length,
    simulatedSeconds,
    events: total,
    eventMix: counts,
    eventsPerSecond: Math.round(total / elapsedSeconds),
    simulatedSecondsPerSecond: Math.round(simulatedSeconds / elapsedSeconds),
    underlyingOnlyEventsPerSecond: Math.round(underlyingEvents / underlyingSeconds),
    underlyingOnlySimulatedSecondsPerSecond: Math.round(simulatedSeconds / underlyingSeconds),
  };
}

export async function run(options: BenchOptions): Promise<Record<string, unknown>> {
  return {
    nse: await runProfile('nse', options.quick),
    us: await runProfile('us', options.quick),
  };
}

export const suite: BenchSuite = {
  name: 'exchange',
  summary: 'simulated exchange: events per second and simulated time per wall second',
  run,
};
