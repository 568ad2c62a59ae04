import type { OptionInstrument } from '../../../../src/shared/domain/instrument';
import type { EngineHarness, MutableParams } from './factories';
import { buildTape, disableAllGates, MINUTE, T0 } from './factories';

/**
 * A preset for engine scenarios: only the momentum-burst signal trades, every gate is off (tests
 * switch on the ones they are about), fixed 1 lot, and the exits that would fire on a random tape
 * (momentum reversal, time, options early exits) are quiet unless a test enables them.
 */
export function scenarioParams(params: MutableParams): void {
  disableAllGates(params);
  params.router.adaptive = false;
  params.router.static = ['momentum'];
  params.packs.momentum.signals = ['momentumBurst'];
  params.sizing.mode = 'fixedLots';
  params.sizing.fixedLots = 1;
  params.exits.momentumReversal.enabled = false;
  params.exits.timeExit.maxHoldSeconds = 3600;
  params.exits.trailingStop.enabled = false;
  params.exits.takeProfit.takeProfitPercent = 200;
  params.exits.spreadWidening.enabled = false;
}

export interface BurstOptions {
  readonly startUs?: number;
  readonly warmSeconds?: number;
  readonly burstSeconds?: number;
  readonly direction?: 1 | -1;
  readonly seed?: number;
  readonly chain?: readonly OptionInstrument[];
}

/** Quiet tape, then a one-way burst on heavy volume (a momentum burst). Returns the time and price after it. */
export function sendBurst(
  harness: EngineHarness,
  options: BurstOptions = {},
): { endUs: number; endPrice: number } {
  const warm = buildTape({
    startUs: options.startUs ?? T0 - 5 * MINUTE,
    seconds: options.warmSeconds ?? 300,
    startPrice: 24000,
    chain: options.chain ?? harness.chain,
    seed: options.seed ?? 1,
  });
  harness.sendAll(warm.events);
  const direction = options.direction ?? 1;
  const burst = buildTape({
    startUs: warm.endUs,
    seconds: options.burstSeconds ?? 8,
    startPrice: warm.endPrice / 100,
    chain: options.chain ?? harness.chain,
    seed: (options.seed ?? 1) + 1,
    driftPerSecond: 3 * direction,
    noiseTicks: 0,
    buyShare: direction > 0 ? 0.85 : 0.15,
    bookTilt: direction > 0 ? 2 : 0.5,
    tradeSize: 400,
  });
  harness.sendAll(burst.events);
  return { endUs: burst.endUs, endPrice: burst.endPrice };
}

/** Continue a quiet tape from `fromUs` for `seconds`. */
export function sendQuiet(
  harness: EngineHarness,
  fromUs: number,
  fromPrice: number,
  seconds: number,
  seed = 9,
): { endUs: number; endPrice: number } {
  const tape = buildTape({
    startUs: fromUs,
    seconds,
    startPrice: fromPrice / 100,
    chain: harness.chain,
    seed,
  });
  harness.sendAll(tape.events);
  return { endUs: tape.endUs, endPrice: tape.endPrice };
}
