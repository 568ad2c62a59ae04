import type { BrokerSaveParams } from '../../shared/api/brokerSchemas';
import type { BrokerSettingsView, ConnectionCheckView } from '../../shared/api/brokerViews';
import type { ConnectionStatusView } from '../../shared/api/connectionViews';
import { ApiError } from '../../shared/api/errors';
import type { BrokerSecrets } from '../brokers/config/brokerSecrets';
import { loadBrokerSecrets } from '../brokers/config/brokerSecrets';
import { testBrokerConnection } from '../brokers/config/connectionTest';
import type { Settings } from '../platform/settings';

/**
 * The Broker settings window's logic, free of Electron so it runs in Node tests: what the window is
 * shown (never a key), how a save changes the settings, and whether keys may be entered here at all.
 * Headless (`scalpdesk serve`), keys come only from the environment or the key file: a browser page
 * is not where a broker key should be typed, and there is no OS keychain to keep it in.
 */
export type HostMode = BrokerSettingsView['mode'];

/** Where the configured broker's keys come from, in words; never the keys. */
export function describeKeys(settings: Settings, env: NodeJS.ProcessEnv): BrokerSettingsView['keys'] {
  const kind = settings.broker.kind;
  if (kind === 'paper') return { found: true, detail: 'the paper broker needs no keys' };
  try {
    loadBrokerSecrets(kind, { env, keyFile: settings.broker.keyFile });
    return { found: true, detail: `${kind === 'openalgo' ? 'OpenAlgo' : 'Alpaca'} keys found` };
  } catch (error) {
    return { found: false, detail: (error as Error).message };
  }
}

export function brokerSettingsView(
  settings: Settings,
  running: Settings,
  mode: HostMode,
  env: NodeJS.ProcessEnv,
): BrokerSettingsView {
  const broker = settings.broker;
  return {
    kind: broker.kind,
    orders: broker.orders,
    host: broker.host,
    wsUrl: broker.wsUrl,
    paper: broker.paper,
    mode,
    keys: describeKeys(settings, env),
    restartNeeded: JSON.stringify(settings.broker) !== JSON.stringify(running.broker),
  };
}

/**
 * The settings after a save. Choosing a real broker also takes its market data (market.source), as
 * `--broker` does; going back to paper leaves the market source as it was. Keys are refused headless.
 */
export function applyBrokerForm(settings: Settings, form: BrokerSaveParams, mode: HostMode): Settings {
  if (form.secrets && mode === 'headless')
    throw new ApiError(
      'REJECTED',
      'keys cannot be entered in browser mode: set SCALPDESK_OPENALGO_API_KEY / SCALPDESK_ALPACA_KEY_ID / SCALPDESK_ALPACA_SECRET_KEY or a key file (broker.keyFile, mode 0600)',
      'secrets',
    );
  return {
    ...settings,
    market: { ...settings.market, source: form.kind === 'paper' ? settings.market.source : 'broker' },
    broker: {
      ...settings.broker,
      kind: form.kind,
      ...(form.orders === undefined ? {} : { orders: form.orders }),
      ...(form.host === undefined ? {} : { host: form.host }),
      ...(form.wsUrl === undefined ? {} : { wsUrl: form.wsUrl }),
      ...(form.paper === undefined ? {} : { paper: form.paper }),
    },
  };
}

/** "Test connection" on the saved settings and the keys the host would use; a missing key is the auth line. */
export async function testSavedBroker(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  timeoutMs?: number,
  dataStreamsInUse = false,
): Promise<ConnectionCheckView[]> {
  const kind = settings.broker.kind;
  let secrets: BrokerSecrets = {};
  if (kind !== 'paper') {
    try {
      secrets = loadBrokerSecrets(kind, { env, keyFile: settings.broker.keyFile });
    } catch (error) {
      return [
        { name: 'auth', ok: false, detail: (error as Error).message },
        { name: 'data', ok: false, detail: 'not tried without keys' },
        { name: 'orders', ok: false, detail: 'not tried without keys' },
      ];
    }
  }
  return testBrokerConnection(settings.broker, secrets, timeoutMs, dataStreamsInUse);
}

/**
 * Alpaca allows one connection per data stream and account (error 406, connection limit exceeded), so
 * while the workstation runs on Alpaca a second test connection would be refused — and could knock
 * the live one off. The data line then reports the running workstation's own market-data streams.
 */
export function withRunningDataStreams(
  checks: readonly ConnectionCheckView[],
  kind: Settings['broker']['kind'],
  running: readonly ConnectionStatusView[] | undefined,
): ConnectionCheckView[] {
  const streams = (running ?? []).filter(
    (link) => link.name === 'alpaca stocks' || link.name === 'alpaca options',
  );
  if (kind !== 'alpaca' || streams.length === 0) return [...checks];
  const ok = streams.every((link) => link.state === 'live');
  const detail = `${streams.map((link) => `${link.name} ${link.state}`).join('; ')} (the running workstation's streams: Alpaca allows one per account)`;
  return checks.map((check) => (check.name === 'data' ? { name: 'data', ok, detail } : check));
}
