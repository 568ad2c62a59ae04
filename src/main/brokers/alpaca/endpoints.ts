import type { Settings } from '../../platform/settings';
import { ALPACA_TRADING_URL } from './restClient';

export const ALPACA_DATA_URL = 'wss://stream.data.alpaca.markets';

/**
 * Alpaca's URLs for the configured account: paper or live trading, the stock feed (iex free, sip
 * paid) and the matching options feed (indicative free, opra paid); overrides for a proxy or test.
 */
export function alpacaEndpoints(broker: Settings['broker']): {
  tradingUrl: string;
  tradingStreamUrl: string;
  stockUrl: string;
  optionUrl: string;
} {
  const tradingUrl = (
    broker.alpacaTradingUrl || (broker.paper ? ALPACA_TRADING_URL.paper : ALPACA_TRADING_URL.live)
  ).replace(/\/+$/, '');
  const dataUrl = (broker.alpacaDataUrl || ALPACA_DATA_URL).replace(/\/+$/, '');
  return {
    tradingUrl,
    tradingStreamUrl: `${tradingUrl.replace(/^http/, 'ws')}/stream`,
    stockUrl: `${dataUrl}/v2/${broker.alpacaStockFeed}`,
    optionUrl: `${dataUrl}/v1beta1/${broker.alpacaStockFeed === 'sip' ? 'opra' : 'indicative'}`,
  };
}
