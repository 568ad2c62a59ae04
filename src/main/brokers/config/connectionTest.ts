import type { Settings } from '../../platform/settings';
import { alpacaDataSession } from '../alpaca/dataSession';
import { AlpacaRestClient } from '../alpaca/restClient';
import { alpacaEndpoints } from '../alpaca/endpoints';
import { OpenAlgoRestClient } from '../openalgo/restClient';
import { openAlgoSession } from '../openalgo/session';
import type { StreamProtocol } from '../stream/streamConnection';
import { openStream } from '../stream/streamConnection';
import type { BrokerSecrets } from './brokerSecrets';
import { redactSecrets } from './brokerSecrets';

/**
 * "Test connection": can the workstation authenticate, receive market data and reach order entry?
 * Each check answers on its own line with what failed, so a trader fixes the right thing. Nothing is
 * ordered: order entry is proven by reading the order book / account, never by placing an order.
 */
export interface ConnectionCheck {
  readonly name: 'auth' | 'data' | 'orders';
  readonly ok: boolean;
  readonly detail: string;
}

async function check(
  name: ConnectionCheck['name'],
  run: () => Promise<string>,
  secrets: BrokerSecrets,
): Promise<ConnectionCheck> {
  try {
    return { name, ok: true, detail: await run() };
  } catch (error) {
    return { name, ok: false, detail: redactSecrets((error as Error).message, secrets) };
  }
}

async function streamCheck(
  url: string,
  name: string,
  protocol: StreamProtocol,
  timeoutMs: number,
): Promise<string> {
  const stream = openStream({
    name,
    url,
    protocol,
    authTimeoutMs: timeoutMs,
    backoff: { initialDelayMs: timeoutMs, maxDelayMs: timeoutMs },
  });
  const timer = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`${name}: not live within ${timeoutMs} ms (${stream.status.detail})`)),
      timeoutMs,
    ),
  );
  try {
    await Promise.race([stream.whenLive(), timer]);
    return `${name} live at ${url}`;
  } finally {
    await stream.close();
  }
}

export async function testBrokerConnection(
  broker: Settings['broker'],
  secrets: BrokerSecrets,
  timeoutMs = 5000,
  /** The running workstation holds this broker's data streams: Alpaca would refuse a second one (406). */
  dataStreamsInUse = false,
): Promise<ConnectionCheck[]> {
  if (broker.kind === 'openalgo') {
    const rest = new OpenAlgoRestClient({
      host: broker.host,
      apiKey: secrets.openalgoApiKey ?? '',
      timeoutMs,
    });
    try {
      return [
        await check(
          'auth',
          async () => {
            const funds = await rest.call('funds');
            const data = (funds.data ?? {}) as Record<string, unknown>;
            return `API key accepted at ${broker.host} (available cash ${String(data.availablecash ?? 'unknown')})`;
          },
          secrets,
        ),
        await check(
          'data',
          () =>
            streamCheck(
              broker.wsUrl,
              'openalgo market data',
              openAlgoSession(secrets.openalgoApiKey ?? '', {
                onAuthenticated: () => undefined,
                onMessage: () => undefined,
                onError: () => undefined,
              }),
              timeoutMs,
            ),
          secrets,
        ),
        await check(
          'orders',
          async () => {
            const book = await rest.call('orderbook');
            const analyzer = await rest.call('analyzer');
            const mode = ((analyzer.data ?? {}) as Record<string, unknown>).mode;
            const orders = ((book.data ?? {}) as { orders?: unknown[] }).orders ?? [];
            return `order book readable (${orders.length} orders today); OpenAlgo mode ${String(mode ?? 'unknown')}${mode === 'analyze' ? ' (sandbox: orders are simulated by OpenAlgo)' : ''}`;
          },
          secrets,
        ),
      ];
    } finally {
      rest.close();
    }
  }
  if (broker.kind === 'alpaca') {
    const { tradingUrl, stockUrl, optionUrl } = alpacaEndpoints(broker);
    const rest = new AlpacaRestClient({
      baseUrl: tradingUrl,
      keyId: secrets.alpacaKeyId ?? '',
      secretKey: secrets.alpacaSecretKey ?? '',
      timeoutMs,
    });
    const credentials = { keyId: secrets.alpacaKeyId ?? '', secretKey: secrets.alpacaSecretKey ?? '' };
    const quiet = { onAuthenticated: () => undefined, onMessage: () => undefined, onError: () => undefined };
    try {
      let account: Record<string, unknown> = {};
      return [
        await check(
          'auth',
          async () => {
            account = await rest.request<Record<string, unknown>>('GET', '/v2/account');
            return `keys accepted at ${tradingUrl} (${broker.paper ? 'paper' : 'LIVE'} account ${String(account.status ?? '')})`;
          },
          secrets,
        ),
        await check(
          'data',
          async () => {
            if (dataStreamsInUse) return 'not opened: the running workstation holds the data streams';
            const stocks = await streamCheck(
              stockUrl,
              'alpaca stocks',
              alpacaDataSession(credentials, 'json', quiet),
              timeoutMs,
            );
            const options = await streamCheck(
              optionUrl,
              'alpaca options',
              alpacaDataSession(credentials, 'msgpack', quiet),
              timeoutMs,
            );
            return `${stocks}; ${options}`;
          },
          secrets,
        ),
        await check(
          'orders',
          async () => {
            if (account.trading_blocked === true || account.account_blocked === true)
              throw new Error('Alpaca has blocked trading on this account');
            const open = await rest.request<unknown[]>('GET', '/v2/orders?status=open');
            return `order entry reachable (${open.length} open orders; options level ${String(account.options_trading_level ?? 'unknown')})`;
          },
          secrets,
        ),
      ];
    } finally {
      rest.close();
    }
  }
  return [{ name: 'auth', ok: true, detail: 'paper broker: built in, nothing to reach' }];
}
