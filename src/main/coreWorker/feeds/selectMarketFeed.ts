import type { Settings } from '../../platform/settings';
import { createBrokerMarketFeed } from '../../brokers/config/brokerMarketFeed';
import { loadBrokerSecrets, redactSecrets } from '../../brokers/config/brokerSecrets';
import type { ConnectionBoard } from '../../brokers/config/connectionBoard';
import { createExchangeMarketFeed } from './exchangeFeed';
import type { MarketFeed } from './marketFeed';

/**
 * The core's market data: the configured broker's feed when `market.source` is "broker" (and a
 * broker is configured), else the built-in or external exchange at `feedUrl`. Broker log lines pass
 * through the secret redactor, so a key echoed in an error can never reach the log.
 */
export function selectMarketFeed(
  settings: Settings,
  feedUrl: string,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
  board?: ConnectionBoard,
): MarketFeed {
  const kind = settings.broker.kind;
  if (settings.market.source !== 'broker' || kind === 'paper')
    return createExchangeMarketFeed(feedUrl, 'depth', { staleAfterMs: settings.market.staleAfterMs });
  const secrets = loadBrokerSecrets(kind, { env: process.env, keyFile: settings.broker.keyFile });
  return createBrokerMarketFeed(
    settings.broker,
    settings.market.profile,
    secrets,
    (level, message) => log(level, redactSecrets(message, secrets)),
    board,
  );
}
