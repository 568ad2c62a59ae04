import type { Instrument } from '../../shared/domain/instrument';
import type { Clock } from '../../shared/domain/time';
import type { ChainSnapshot } from '../../shared/options/chain/snapshot';
import { isFeedClosedError } from './feeds/exchangeFeed';
import { optionsEventsFromChain } from '../trading/desk/optionsEvents';
import type { ContractStatsEvent, OptionsContextEvent } from '../trading/engine/types';

/** How often (market time) the options context is rebuilt from the chain: the issue asks for 30–60 s. */
const OPTIONS_CONTEXT_INTERVAL_US = 30_000_000;

type OptionsEvent = OptionsContextEvent | ContractStatsEvent;

export interface OptionsContextRefresherOptions {
  readonly clock: Clock;
  readonly underlying: string;
  readonly instruments: () => Iterable<Instrument>;
  /** The rebuilt options context, then each contract's stats, for the desk (and the recorder). */
  readonly onEvent: (event: OptionsEvent) => void;
  readonly log: (message: string) => void;
}

/**
 * Rebuilds the engine's options context (IV, skew, per-contract stats) from the feed's option chain
 * on market time, at most one chain request at a time.
 */
export class OptionsContextRefresher {
  private nextDueUs = 0;
  private inFlight = false;

  constructor(private readonly options: OptionsContextRefresherOptions) {}

  maybeRefresh(fetchChain: ((underlying: string) => Promise<ChainSnapshot>) | undefined): void {
    const now = this.options.clock.nowUs();
    if (!fetchChain || this.inFlight || now < this.nextDueUs || now === 0) return;
    this.inFlight = true;
    this.nextDueUs = now + OPTIONS_CONTEXT_INTERVAL_US;
    fetchChain(this.options.underlying).then(
      (snapshot) => {
        this.inFlight = false;
        const { context, stats } = optionsEventsFromChain(
          snapshot,
          this.options.instruments(),
          this.options.clock.nowUs(),
        );
        for (const event of [context, ...stats]) this.options.onEvent(event);
      },
      (error: Error) => {
        this.inFlight = false;
        if (!isFeedClosedError(error)) this.options.log(`options context not refreshed: ${error.message}`);
      },
    );
  }
}
