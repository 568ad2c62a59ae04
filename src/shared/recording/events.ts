import type { Symbol } from '../domain/ids';
import type { Instrument } from '../domain/instrument';
import type { MarketEvent } from '../domain/marketEvents';
import type { PriceFormat } from '../domain/price';
import type { TimestampUs } from '../domain/time';
import type { OptionsContext } from '../options/context';

/**
 * An options-context update on the tape: the chain summary the engine reads (issue 4), pushed every
 * 30–60 s live and imported from NSE option-chain snapshots for replay. `symbol` is the underlying.
 */
export interface OptionsContextEvent {
  readonly type: 'optionsContext';
  readonly symbol: Symbol;
  readonly tsEvent: TimestampUs;
  readonly context: OptionsContext;
}

/**
 * Per-contract chain statistics as the engine receives them (issue 4's contractStats input): open
 * interest from the exchange, IV and greeks when the source has them. Same shape as the engine's
 * ContractStatsEvent; a field the source did not give is absent.
 */
export interface ContractStatsEvent {
  readonly type: 'contractStats';
  readonly symbol: Symbol;
  readonly tsEvent: TimestampUs;
  readonly openInterest?: number;
  readonly oiChange?: number;
  readonly iv?: number;
  readonly delta?: number;
  readonly gamma?: number;
}

/**
 * The live core's market data went unusable (the feed stale or disconnected: `outage` says how) or
 * live again (`outage` null), at the point of the tape where the engine was told. The engine blocks
 * entries and the paper broker fills nothing while data is out, so a replay needs the same states at
 * the same places to decide and fill as the live session did. `symbol` is the engine's underlying.
 */
export interface MarketDataStateEvent {
  readonly type: 'marketDataState';
  readonly symbol: Symbol;
  readonly tsEvent: TimestampUs;
  readonly outage: string | null;
}

/**
 * The live core moved market time on to `tsEvent` while the whole feed was silent (a gap, a closed
 * market, a dropped connection), so time exits and bar closes still fired; a replay moves its clock
 * to the same time at the same place. `symbol` is the engine's underlying.
 */
export interface ClockEvent {
  readonly type: 'clock';
  readonly symbol: Symbol;
  readonly tsEvent: TimestampUs;
}

/** Everything a recording carries and a replay feeds to the engine, in tape order. */
export type RecordedEvent =
  MarketEvent | OptionsContextEvent | ContractStatsEvent | MarketDataStateEvent | ClockEvent;
export type RecordedEventType = RecordedEvent['type'];

/** A tape event that is market data (not an options-context, chain-statistics, data-state or clock update). */
export const isMarketEvent = (event: RecordedEvent): event is MarketEvent =>
  event.type !== 'optionsContext' &&
  event.type !== 'contractStats' &&
  event.type !== 'marketDataState' &&
  event.type !== 'clock';

/**
 * What a recording knows about a symbol: enough to turn integer price units back into decimals
 * (tape statistics, reports), and the full instrument when the recorder had it (lot size,
 * multiplier, expiry) so a replay can trade it without the instrument master of that day.
 */
export interface RecordedInstrument extends PriceFormat {
  readonly symbol: Symbol;
  readonly instrument?: Instrument;
}

/** Free-form description of a recording, written once at its start (and again on reopen). */
export interface RecordingMeta {
  /** Session day, YYYY-MM-DD, in `timeZone`. */
  readonly day?: string;
  readonly timeZone?: string;
  /** Where the events came from: `live`, `exchange:seed=7`, `import:lobster:AMZN_...csv`. */
  readonly source?: string;
  readonly [key: string]: unknown;
}
