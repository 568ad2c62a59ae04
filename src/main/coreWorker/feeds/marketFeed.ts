import type { SystemStatus } from '../../../shared/api/views';
import type { Instrument } from '../../../shared/domain/instrument';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { ChainSnapshot } from '../../../shared/options/chain/snapshot';

/** Where the core's market data comes from: the built-in exchange over WebSocket, or a broker's feed. */
export interface MarketFeed {
  /** Connects and resolves with the instruments the feed serves. */
  start(handlers: {
    onEvent(event: MarketEvent): void;
    onStatus(status: SystemStatus['feed']): void;
    /** Problems the feed reports without losing the connection (a malformed message dropped, a market-time regression held, an error the source reported): for the log. */
    onProblem?(message: string): void;
  }): Promise<readonly Instrument[]>;
  stop(): Promise<void>;
  /**
   * The option chain of an underlying now, where the feed has one (the built-in exchange and the
   * broker feeds do): the nearest expiry, or `expiry` (YYYY-MM-DD).
   */
  chain?(underlying: string, expiry?: string): Promise<ChainSnapshot>;
}
