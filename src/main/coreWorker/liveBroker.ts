import type { Instrument } from '../../shared/domain/instrument';
import type { Settings } from '../platform/settings';
import type { BrokerFactory } from '../trading/broker/broker';
import { loadBrokerSecrets, redactSecrets } from '../brokers/config/brokerSecrets';
import type { ConnectionBoard } from '../brokers/config/connectionBoard';
import { connectedBrokerFactory } from '../brokers/config/connectedBrokerFactory';
import type { DeskBroker } from './deskBroker';

export interface LiveBroker {
  readonly factory: BrokerFactory<DeskBroker>;
  /** OpenAlgo or Alpaca: named in refusals and the reconciliation line. */
  readonly name: string;
}

const BROKER_NAMES = { openalgo: 'OpenAlgo', alpaca: 'Alpaca' } as const;

/**
 * The desk's broker for these settings: the configured real broker when `broker.kind` is openalgo or
 * alpaca and `broker.orders` is "broker"; null for the built-in paper broker (also with a real
 * broker's market data and `broker.orders` "paper"). Orders at a real broker on the simulated market
 * are refused: the prices they would be placed at are not the broker's.
 */
export function selectLiveBroker(
  settings: Settings,
  instruments: readonly Instrument[],
  board: ConnectionBoard,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): LiveBroker | null {
  const broker = settings.broker;
  if (broker.kind === 'paper' || broker.orders === 'paper') return null;
  const name = BROKER_NAMES[broker.kind];
  if (settings.market.source !== 'broker')
    throw new Error(
      `broker.kind "${broker.kind}" sends orders to ${name} but market.source is "${settings.market.source}" (not the broker's prices); set market.source "broker", or broker.orders "paper"`,
    );
  const secrets = loadBrokerSecrets(broker.kind, { env: process.env, keyFile: broker.keyFile });
  return {
    name,
    factory: connectedBrokerFactory({ ...broker, kind: broker.kind }, secrets, instruments, {
      onStreamStatus: (status) => board.stream(status),
      onQueue: (state) => board.queue(state),
      onState: (state, detail) => log(state === 'ready' ? 'info' : 'warn', `${name}: ${state}: ${detail}`),
      log: (level, message) => log(level, redactSecrets(message, secrets)),
    }),
  };
}
