import type { Instrument } from '../../../shared/domain/instrument';
import type { Settings } from '../../platform/settings';
import type { BrokerFactory } from '../../trading/broker/broker';
import { startAlpacaBroker } from '../alpaca/alpacaBroker';
import { alpacaEndpoints } from '../alpaca/endpoints';
import { AlpacaSymbolMap } from '../alpaca/symbols';
import { startOpenAlgoBroker } from '../openalgo/openAlgoBroker';
import { OpenAlgoSymbolMap } from '../openalgo/symbols';
import type { BrokerAdapterOptions } from '../orders/brokerAdapter';
import { ConnectedBroker } from '../orders/connectedBroker';
import type { BrokerSecrets } from './brokerSecrets';

/** What the core watches on a real broker: its order stream, its REST queue, its state, its log. */
export type ConnectedBrokerObservers = Pick<
  BrokerAdapterOptions,
  'onStreamStatus' | 'onQueue' | 'onState' | 'log' | 'backoff' | 'stallAfterMs'
>;

/**
 * The desk's broker when settings `broker.kind` is openalgo or alpaca: a `ConnectedBroker` on the
 * instruments the core's feed lists (their broker symbols are derived from them).
 */
export function connectedBrokerFactory(
  broker: Settings['broker'] & { kind: 'openalgo' | 'alpaca' },
  secrets: BrokerSecrets,
  instruments: readonly Instrument[],
  observers: ConnectedBrokerObservers,
): BrokerFactory<ConnectedBroker> {
  if (broker.kind === 'openalgo') {
    const symbols = new OpenAlgoSymbolMap(instruments);
    return (context) =>
      new ConnectedBroker(
        context,
        (options) =>
          startOpenAlgoBroker({
            ...options,
            host: broker.host,
            wsUrl: broker.wsUrl,
            apiKey: secrets.openalgoApiKey ?? '',
            symbols,
          }),
        observers,
      );
  }
  const symbols = new AlpacaSymbolMap(instruments);
  const { tradingUrl, tradingStreamUrl } = alpacaEndpoints(broker);
  return (context) =>
    new ConnectedBroker(
      context,
      (options) =>
        startAlpacaBroker({
          ...options,
          tradingUrl,
          tradingStreamUrl,
          keyId: secrets.alpacaKeyId ?? '',
          secretKey: secrets.alpacaSecretKey ?? '',
          symbols,
        }),
      observers,
    );
}
