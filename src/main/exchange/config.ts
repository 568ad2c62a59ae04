import type { MarketProfile } from '../../shared/domain/instrument';
import { isIsoDate } from '../../shared/domain/instruments/civilDate';
import type { UnderlyingDefinition } from '../../shared/domain/instruments/master';
import type { UnderlyingSimParameters } from './parameters';
import { DEFAULT_RISK_FREE_RATE, DEFAULT_UNDERLYING_PARAMETERS, genericParameters } from './parameters';
import { DEFAULT_START_DATE, loadMarketProfile } from '../trading/reference/marketProfiles';
import type { Regime, RegimeModel } from './regimes';
import { resolveRegimeModel } from './regimes';

/** Configuration of the simulated exchange. Only `profile` and `seed` are required. */
export interface ExchangeConfig {
  readonly profile: MarketProfile;
  /** Same seed (and config) → same session, event for event. */
  readonly seed: number;
  /** First trading day (YYYY-MM-DD); a non-trading day starts on the next trading day. Default per profile. */
  readonly startDate?: string;
  /** Exact start instant (UTC µs); overrides startDate. Before the session open it starts at the open. */
  readonly startUs?: number;
  /** Underlyings to simulate (default: all in the profile's master). */
  readonly symbols?: readonly string[];
  /** Strikes listed either side of the ATM strike (default 10, i.e. 21 strikes). */
  readonly strikesAroundAtm?: number;
  /** Expiries listed per underlying (default 2: e.g. this week's and next week's NIFTY). */
  readonly expiriesPerUnderlying?: number;
  /** Regime chain: mean durations and transition probabilities (rows must sum to 1, no self-loops). */
  readonly regimes?: {
    readonly meanDurationSeconds?: Partial<Record<Regime, number>>;
    readonly transitions?: Partial<Record<Regime, Partial<Record<Regime, number>>>>;
  };
  /** Simulated milliseconds between option chain requotes (default 1000). */
  readonly optionRequoteIntervalMs?: number;
  /** Simulated milliseconds between index ticks on NSE (default 1000, like NSE's index broadcast). */
  readonly indexTickIntervalMs?: number;
  /** Emit depth events (default true; benchmarks of the engine may switch them off). */
  readonly emitDepth?: boolean;
  /** Continuously compounded rate for option pricing (default per profile). */
  readonly riskFreeRate?: number;
  /** Per-underlying overrides of the simulation parameters. */
  readonly underlyingParameters?: Readonly<Record<string, Partial<UnderlyingSimParameters>>>;
}

export interface ResolvedExchangeConfig {
  readonly profile: MarketProfile;
  readonly seed: number;
  readonly startDate: string;
  readonly startUs: number | null;
  readonly underlyings: readonly UnderlyingDefinition[];
  readonly parameters: ReadonlyMap<string, UnderlyingSimParameters>;
  readonly strikesAroundAtm: number;
  readonly expiriesPerUnderlying: number;
  readonly regimeModel: RegimeModel;
  readonly optionRequoteIntervalUs: number;
  readonly indexTickIntervalUs: number;
  readonly emitDepth: boolean;
  readonly riskFreeRate: number;
}

export class ExchangeConfigError extends Error {
  override name = 'ExchangeConfigError';
}

function requireInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ExchangeConfigError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function requirePositive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value))
    throw new ExchangeConfigError(`${name} must be a positive number, got ${value}`);
  return value;
}

export function resolveExchangeConfig(config: ExchangeConfig): ResolvedExchangeConfig {
  if (config.profile !== 'nse' && config.profile !== 'us') {
    throw new ExchangeConfigError(`profile must be "nse" or "us", got "${String(config.profile)}"`);
  }
  if (!Number.isFinite(config.seed))
    throw new ExchangeConfigError(`seed must be a finite number, got ${config.seed}`);
  const { master } = loadMarketProfile(config.profile);
  const startDate = config.startDate ?? DEFAULT_START_DATE[config.profile];
  if (!isIsoDate(startDate))
    throw new ExchangeConfigError(`startDate must be a date in YYYY-MM-DD form, got "${startDate}"`);
  if (config.startUs !== undefined && !Number.isSafeInteger(config.startUs)) {
    throw new ExchangeConfigError(`startUs must be an integer number of microseconds, got ${config.startUs}`);
  }
  const known = master.underlyings.map((underlying) => underlying.instrument.symbol as string);
  const requested = config.symbols ?? known;
  if (requested.length === 0) throw new ExchangeConfigError('symbols must name at least one underlying');
  for (const symbol of requested) {
    if (!known.includes(symbol)) {
      throw new ExchangeConfigError(
        `unknown ${config.profile} underlying "${symbol}" (known: ${known.join(', ')})`,
      );
    }
  }
  const underlyings = master.underlyings.filter((underlying) =>
    requested.includes(underlying.instrument.symbol),
  );
  const parameters = new Map<string, UnderlyingSimParameters>();
  for (const underlying of underlyings) {
    const symbol = underlying.instrument.symbol;
    const defaults = DEFAULT_UNDERLYING_PARAMETERS[symbol] ?? genericParameters(config.profile, 100);
    const merged = { ...defaults, ...config.underlyingParameters?.[symbol] };
    for (const [name, value] of Object.entries(merged)) {
      if (name === 'skew' || name === 'dividendYield') {
        if (!Number.isFinite(value))
          throw new ExchangeConfigError(`${symbol}.${name} must be a finite number, got ${value}`);
      } else {
        requirePositive(`${symbol}.${name}`, value);
      }
    }
    parameters.set(symbol, merged);
  }
  for (const symbol of Object.keys(config.underlyingParameters ?? {})) {
    if (!requested.includes(symbol))
      throw new ExchangeConfigError(`underlyingParameters names "${symbol}", which is not simulated`);
  }
  let regimeModel: RegimeModel;
  try {
    regimeModel = resolveRegimeModel(config.regimes);
  } catch (error) {
    throw new ExchangeConfigError(`regimes: ${(error as Error).message}`);
  }
  const riskFreeRate = config.riskFreeRate ?? DEFAULT_RISK_FREE_RATE[config.profile];
  if (!Number.isFinite(riskFreeRate))
    throw new ExchangeConfigError(`riskFreeRate must be a finite number, got ${riskFreeRate}`);
  return {
    profile: config.profile,
    seed: config.seed,
    startDate,
    startUs: config.startUs ?? null,
    underlyings,
    parameters,
    strikesAroundAtm: requireInteger('strikesAroundAtm', config.strikesAroundAtm ?? 10, 0, 200),
    expiriesPerUnderlying: requireInteger('expiriesPerUnderlying', config.expiriesPerUnderlying ?? 2, 1, 12),
    regimeModel,
    optionRequoteIntervalUs: Math.round(
      requirePositive('optionRequoteIntervalMs', config.optionRequoteIntervalMs ?? 1000) * 1000,
    ),
    indexTickIntervalUs: Math.round(
      requirePositive('indexTickIntervalMs', config.indexTickIntervalMs ?? 1000) * 1000,
    ),
    emitDepth: config.emitDepth ?? true,
    riskFreeRate,
  };
}
