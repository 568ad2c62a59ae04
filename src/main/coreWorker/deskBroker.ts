import type { Broker, BrokerFactory } from '../trading/broker/broker';
import { ALPACA_OPTIONS_CAPABILITIES, FULL_CAPABILITIES } from '../trading/broker/broker';
import { PaperBroker } from '../trading/broker/paper/paperBroker';
import type { PositionState } from '../trading/oms/positions';

/**
 * What the live core needs from its desk's broker beyond the kernel's `Broker`: the paper broker
 * (built in) and a connected real broker (OpenAlgo, Alpaca) both provide it.
 */
export interface DeskBroker extends Broker {
  /** Start-up: the ledger's positions. The paper account books them; a real broker has its own. */
  loadPositions(states: readonly PositionState[]): void;
  /** Why market data cannot be trusted now, or null when it is live. */
  setMarketDataOutage(reason: string | null): void;
  /** Whether the broker's own orders and positions have been read (always, for the paper broker). */
  readonly reconciled: boolean;
  /** Called after every read of the broker's orders and positions (start, each reconnect). */
  onReconciled(listener: () => void): void;
  close(): Promise<void>;
}

/** The built-in paper broker with the core's extras. */
class LivePaperBroker extends PaperBroker implements DeskBroker {
  readonly reconciled = true;

  loadPositions(states: readonly PositionState[]): void {
    this.account.positions.load([...states]);
  }

  /** The paper broker's book is the ledger's: there is nothing to read from elsewhere. */
  onReconciled(): void {}

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The paper broker for the live desk; `alpaca-options` takes only market and limit, like Alpaca for options. */
export function livePaperBroker(capabilities: 'full' | 'alpaca-options' = 'full'): BrokerFactory<DeskBroker> {
  return (context) =>
    new LivePaperBroker({
      ...context,
      config: {
        capabilities: capabilities === 'alpaca-options' ? ALPACA_OPTIONS_CAPABILITIES : FULL_CAPABILITIES,
      },
    });
}
