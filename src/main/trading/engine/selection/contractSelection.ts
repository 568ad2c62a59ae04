import type { OptionRight } from '../../../../shared/domain/instrument';
import { priceOption } from '../../../../shared/options/pricing';
import type { EngineParams } from '../config/schema';
import type { ContractState } from '../market/contractState';
import type { SelectionSnapshot } from '../types';

const YEAR_US = 365 * 86_400_000_000;
/** Engine-computed deltas are reused for this long (selection runs per candidate, not per tick). */
const DELTA_CACHE_US = 1_000_000;

export interface SelectionInput {
  readonly right: OptionRight;
  readonly nowUs: number;
  /** Today's exchange-local date, YYYY-MM-DD. */
  readonly today: string;
  /** Minutes to today's close (for the expiry-day roll); Infinity when unknown. */
  readonly minutesToClose: number;
  /** Underlying spot in decimal units. */
  readonly spot: number;
  readonly contracts: readonly ContractState[];
  readonly params: EngineParams['selection'];
  /** ATM IV from the options context (fraction), NaN when absent. */
  readonly atmIv: number;
  /** UTC µs of an expiry date's close (from the market calendar). */
  expiryCloseUs(expiry: string): number;
  /** Trading days from today to an expiry date (0 on the expiry day itself). */
  tradingDaysTo(expiry: string): number;
}

export interface SelectionResult {
  readonly contract: ContractState | null;
  readonly snapshot: SelectionSnapshot | null;
  readonly considered: number;
  readonly rejected: Record<string, number>;
}

/** |delta| of a contract: the chain's own greek when it has one, else Black-Scholes on the best IV available. */
export function contractDelta(contract: ContractState, input: SelectionInput): number {
  if (Number.isFinite(contract.delta)) return contract.delta;
  if (contract.computedUs >= 0 && input.nowUs - contract.computedUs < DELTA_CACHE_US)
    return contract.computedDelta;
  const instrument = contract.instrument;
  const years = Math.max(input.expiryCloseUs(instrument.expiry) - input.nowUs, 0) / YEAR_US;
  const vol = contract.iv > 0 ? contract.iv : input.atmIv > 0 ? input.atmIv : input.params.fallbackIv;
  const greeks = priceOption({
    model: 'bs',
    type: instrument.right === 'CE' ? 'call' : 'put',
    spot: input.spot,
    strike: instrument.strike,
    years,
    rate: input.params.riskFreeRate,
    vol,
  });
  contract.computedDelta = greeks.delta;
  contract.computedGamma = greeks.gamma;
  contract.computedUs = input.nowUs;
  return greeks.delta;
}

/**
 * The expiry to trade: the nearest one at most `maxDaysToExpiry` trading days away (0DTE, else 1DTE
 * with the default of 1); on its expiry day, from `rollExpiryMinutesBeforeClose` before the close, the
 * next one if that is still within reach. Null when no listed expiry is near enough: the engine then
 * stands aside rather than scalp a week-out contract whose gamma barely moves it.
 */
export function chooseExpiry(input: SelectionInput): string | null {
  const params = input.params;
  const roll =
    params.rollExpiryMinutesBeforeClose > 0 && input.minutesToClose <= params.rollExpiryMinutesBeforeClose;
  let expiry: string | null = null;
  for (const contract of input.contracts) {
    const candidate = contract.instrument.expiry;
    if (
      contract.instrument.right !== input.right ||
      candidate < input.today ||
      (roll && candidate === input.today) ||
      (expiry !== null && candidate >= expiry)
    )
      continue;
    if (input.tradingDaysTo(candidate) <= params.maxDaysToExpiry) expiry = candidate;
  }
  return expiry;
}

/**
 * Contract selection (issue 4 and 15): the expiry from `chooseExpiry`, then among its contracts of the
 * wanted right with a live quote, premium in [minPremium, maxPremium], spread at most maxSpreadPercent
 * of the mid, OI at least minOpenInterest (unknown OI fails) and |delta| within maxDeltaDistance of
 * targetDelta, the one whose |delta| is closest to targetDelta; ties go to the tighter spread, then the
 * higher OI, then the lower strike, so the choice is deterministic.
 */
export function selectContract(input: SelectionInput): SelectionResult {
  const params = input.params;
  const rejected: Record<string, number> = {};
  const reject = (reason: string): void => {
    rejected[reason] = (rejected[reason] ?? 0) + 1;
  };
  const expiry = chooseExpiry(input);
  let best: ContractState | null = null;
  let bestDistance = Infinity;
  let bestDelta = NaN;
  let considered = 0;
  if (expiry !== null) {
    for (const contract of input.contracts) {
      const instrument = contract.instrument;
      if (instrument.right !== input.right || instrument.expiry !== expiry) continue;
      considered++;
      if (!contract.hasQuote) {
        reject('noQuote');
        continue;
      }
      const premium = contract.ask / 10 ** instrument.priceDecimals;
      if (premium > params.maxPremium) {
        reject('premiumAboveMax');
        continue;
      }
      if (premium < params.minPremium) {
        reject('premiumBelowMin');
        continue;
      }
      if (!(contract.spreadPercent() <= params.maxSpreadPercent)) {
        reject('spreadTooWide');
        continue;
      }
      if (!(contract.openInterest >= params.minOpenInterest)) {
        reject('openInterestTooLow');
        continue;
      }
      const delta = Math.abs(contractDelta(contract, input));
      const distance = Math.abs(delta - params.targetDelta);
      if (distance > params.maxDeltaDistance) {
        reject('deltaOutsideBand');
        continue;
      }
      if (
        best === null ||
        distance < bestDistance - 1e-12 ||
        (Math.abs(distance - bestDistance) <= 1e-12 && isBetterTie(contract, best))
      ) {
        best = contract;
        bestDistance = distance;
        bestDelta = delta;
      }
    }
  } else {
    reject(`noExpiryWithin${params.maxDaysToExpiry}Days`);
  }
  if (best === null) return { contract: null, snapshot: null, considered, rejected };
  const instrument = best.instrument;
  return {
    contract: best,
    considered,
    rejected,
    snapshot: {
      symbol: instrument.symbol,
      right: instrument.right,
      strike: instrument.strike,
      expiry: instrument.expiry,
      delta: Number.isFinite(bestDelta) ? Math.round(bestDelta * 10_000) / 10_000 : null,
      premium: best.ask,
      spreadPercent: Math.round(best.spreadPercent() * 10_000) / 10_000,
      openInterest: Number.isFinite(best.openInterest) ? best.openInterest : null,
      considered,
      rejected,
    },
  };
}

function isBetterTie(candidate: ContractState, incumbent: ContractState): boolean {
  const spreadA = candidate.spreadTicks();
  const spreadB = incumbent.spreadTicks();
  if (spreadA !== spreadB) return spreadA < spreadB;
  const oiA = Number.isFinite(candidate.openInterest) ? candidate.openInterest : -1;
  const oiB = Number.isFinite(incumbent.openInterest) ? incumbent.openInterest : -1;
  if (oiA !== oiB) return oiA > oiB;
  return candidate.instrument.strike < incumbent.instrument.strike;
}
