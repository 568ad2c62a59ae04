import type { TradingSession } from '../../../../shared/domain/instruments/calendar';
import type { OptionsContext } from '../../../../shared/options/context';
import type { EngineParams } from '../config/schema';
import type { Instrument } from '../../../../shared/domain/instrument';
import type { ContractState } from '../market/contractState';
import type { UnderlyingState } from '../market/underlyingState';
import type { EnginePosition } from '../positions/enginePosition';
import type { RiskState } from '../risk/riskState';

/** What the exit rules read; one instance per engine, refreshed per evaluation (no allocation). */
export interface ExitContext {
  nowUs: number;
  params: EngineParams;
  /** The mark of the position's contract (NaN without a quote). */
  mark: number;
  contract: ContractState<Instrument> | null;
  underlying: UnderlyingState;
  underlyingDecimals: number;
  optionsContext: OptionsContext | null;
  session: TradingSession | null;
  risk: RiskState;
  /** Money (minor units) per price unit per quantity for the position's contract. */
  moneyPerUnit: number;
  killed: boolean;
}

/** Where a rule writes the value and threshold it fired on (preallocated, read only when it fires). */
export interface ExitProbe {
  value: number | string | null;
  threshold: number | string | null;
}

export interface ExitRule {
  readonly name: string;
  /** True when the position must be closed now. */
  check(position: EnginePosition, context: ExitContext, probe: ExitProbe): boolean;
}

export function fire(
  probe: ExitProbe,
  value: number | string | null,
  threshold: number | string | null,
): true {
  probe.value = value;
  probe.threshold = threshold;
  return true;
}

/** Decimal spot of the underlying (strikes and GEX levels are decimal). */
export function spotOf(context: ExitContext): number {
  return context.underlying.lastPrice / 10 ** context.underlyingDecimals;
}
