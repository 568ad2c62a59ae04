import type { Instrument, OptionRight } from '../../../../shared/domain/instrument';
import type { EngineParams } from '../config/schema';
import type { ContractState } from '../market/contractState';
import type { SelectionSnapshot } from '../types';

export interface UnderlyingSelection {
  readonly contract: ContractState<Instrument> | null;
  readonly snapshot: SelectionSnapshot | null;
  readonly considered: number;
  readonly rejected: Record<string, number>;
}

/**
 * Selection when the engine trades the underlying itself (`selection.trade: 'underlying'`): there is
 * one candidate, taken long for a bullish signal (CE) and short for a bearish one (PE), when it has a
 * two-sided quote whose spread is within `maxSpreadPercent` of the mid. Strike, expiry, delta, premium
 * band and open interest are an option's and do not apply.
 */
export function selectUnderlying(
  contract: ContractState<Instrument>,
  right: OptionRight,
  params: EngineParams['selection'],
): UnderlyingSelection {
  const rejected: Record<string, number> = {};
  if (!contract.hasQuote) rejected.noQuote = 1;
  else if (!(contract.spreadPercent() <= params.maxSpreadPercent)) rejected.spreadTooWide = 1;
  if (Object.keys(rejected).length > 0) return { contract: null, snapshot: null, considered: 1, rejected };
  return {
    contract,
    considered: 1,
    rejected,
    snapshot: {
      symbol: contract.instrument.symbol,
      right,
      strike: null,
      expiry: null,
      delta: null,
      premium: right === 'CE' ? contract.ask : contract.bid,
      spreadPercent: Math.round(contract.spreadPercent() * 10_000) / 10_000,
      openInterest: null,
      considered: 1,
      rejected,
    },
  };
}
