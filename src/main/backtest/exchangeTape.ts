import type { Symbol } from '../../shared/domain/ids';
import type { Instrument, MarketProfile } from '../../shared/domain/instrument';
import type { TimestampUs } from '../../shared/domain/time';
import { buildOptionsContext } from '../../shared/options/buildContext';
import type { ChainSnapshot } from '../../shared/options/chain/snapshot';
import type { RecordedEvent, RecordedInstrument } from '../../shared/recording/events';
import { createExchangeSimulation } from '../exchange/simulation';

export interface ExchangeTapeOptions {
  readonly seed: number;
  readonly profile?: MarketProfile;
  /** Underlyings to simulate (default: the profile's first, NIFTY or SPY). */
  readonly symbols?: readonly string[];
  /** Simulated minutes from the session open. */
  readonly minutes: number;
  /** Chain context cadence: an options-context event per underlying and contract stats per contract (default 60 s, as the live chain analytics pushes). */
  readonly contextEverySeconds?: number;
  readonly startDate?: string;
  /** Called once before the first event with what the exchange lists. */
  readonly onListed?: (tape: {
    readonly underlyings: readonly Symbol[];
    readonly instruments: readonly RecordedInstrument[];
  }) => void;
}

export interface ExchangeTape {
  readonly underlyings: readonly Symbol[];
  /** The instruments listed (each with its full definition), in the exchange's order. */
  readonly instruments: readonly RecordedInstrument[];
  readonly events: number;
}

export const asRecordedInstrument = (instrument: Instrument): RecordedInstrument => ({
  symbol: instrument.symbol,
  priceDecimals: instrument.priceDecimals,
  tickUnits: instrument.tickUnits,
  instrument,
});

/**
 * A session on the built-in exchange as the engine sees it in paper mode: the exchange's market events
 * in order and, every `contextEverySeconds`, the chain context the core pushes (an options-context
 * summary per underlying and open interest, IV and greeks per contract). Deterministic for a seed.
 * The parity test records this and replays it; the bench replays it.
 */
export function runExchangeTape(
  options: ExchangeTapeOptions,
  sink: (event: RecordedEvent) => void,
): ExchangeTape {
  const profile = options.profile ?? 'nse';
  const simulation = createExchangeSimulation({
    profile,
    seed: options.seed,
    symbols: options.symbols ?? [profile === 'nse' ? 'NIFTY' : 'SPY'],
    startDate: options.startDate,
  });
  const underlyings = simulation.underlyingSymbols() as Symbol[];
  const instruments = simulation.instruments().map(asRecordedInstrument);
  options.onListed?.({ underlyings, instruments });
  const stepUs = (options.contextEverySeconds ?? 60) * 1_000_000;
  const endUs = simulation.nowUs() + options.minutes * 60_000_000;
  let events = 0;
  const emit = (event: RecordedEvent): void => {
    events++;
    sink(event);
  };
  for (let at = simulation.nowUs() + stepUs; at <= endUs; at += stepUs) {
    simulation.advance(at, emit);
    const tsEvent = at as TimestampUs;
    for (const underlying of underlyings) {
      const snapshots = new Map<string, ChainSnapshot>();
      const snapshotOf = (expiry: string): ChainSnapshot => {
        let snapshot = snapshots.get(expiry);
        if (snapshot === undefined) {
          snapshot = simulation.chainSnapshot(underlying, expiry);
          snapshots.set(expiry, snapshot);
        }
        return snapshot;
      };
      emit({
        type: 'optionsContext',
        symbol: underlying,
        tsEvent,
        context: buildOptionsContext(snapshotOf(simulation.expiries(underlying)[0]), { nowUs: tsEvent }),
      });
      for (const instrument of simulation.instruments()) {
        if (instrument.kind !== 'option' || instrument.underlying !== underlying) continue;
        const row = snapshotOf(instrument.expiry).rows.find(
          (candidate) => candidate.strike === instrument.strike,
        );
        const quote = instrument.right === 'CE' ? row?.ce : row?.pe;
        const greeks = simulation.greeks(instrument.symbol);
        emit({
          type: 'contractStats',
          symbol: instrument.symbol,
          tsEvent,
          ...(quote ? { openInterest: quote.oi, oiChange: quote.oiChange } : {}),
          ...(greeks ? { iv: greeks.iv, delta: greeks.delta, gamma: greeks.gamma } : {}),
        });
      }
    }
  }
  return { underlyings, instruments, events };
}
