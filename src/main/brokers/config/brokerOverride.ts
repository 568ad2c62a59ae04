import type { Settings } from '../../platform/settings';

/**
 * `--broker openalgo|alpaca|paper` on the command line: the broker kind, and for a real broker its
 * market data too (market.source "broker"). Live Alpaca (broker.paper false) is refused unless the
 * trader confirmed it with `--confirm-live`: real money is never one settings edit away.
 */
export class BrokerConfigError extends Error {
  override name = 'BrokerConfigError';
}

export function applyBrokerOverride(
  settings: Settings,
  kind: string | undefined,
  confirmLive: boolean,
): Settings {
  let next = settings;
  if (kind !== undefined) {
    if (kind !== 'paper' && kind !== 'openalgo' && kind !== 'alpaca')
      throw new BrokerConfigError(`--broker must be openalgo, alpaca or paper, got "${kind}"`);
    next = {
      ...settings,
      broker: { ...settings.broker, kind },
      market: { ...settings.market, source: kind === 'paper' ? settings.market.source : 'broker' },
    };
  }
  if (next.broker.kind === 'alpaca' && !next.broker.paper && !confirmLive)
    throw new BrokerConfigError(
      'settings broker.paper is false (live Alpaca trading): start with --confirm-live to confirm real-money trading',
    );
  return next;
}
