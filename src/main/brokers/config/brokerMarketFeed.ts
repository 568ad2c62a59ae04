import type { SystemStatus } from '../../../shared/api/views';
import type { Instrument, MarketProfile, OptionRight } from '../../../shared/domain/instrument';
import { parseIsoDate } from '../../../shared/domain/instruments/civilDate';
import type { UnderlyingDefinition } from '../../../shared/domain/instruments/master';
import { isStrikeOnGrid, makeOptionInstrument } from '../../../shared/domain/instruments/optionSymbols';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { Settings } from '../../platform/settings';
import { loadMarketProfile } from '../../trading/reference/marketProfiles';
import { connectAlpacaFeed } from '../alpaca/marketDataFeed';
import { ALPACA_TRADING_URL, AlpacaRestClient } from '../alpaca/restClient';
import { AlpacaSymbolMap, parseOccSymbol } from '../alpaca/symbols';
import { connectOpenAlgoFeed } from '../openalgo/marketDataFeed';
import { OpenAlgoRestClient } from '../openalgo/restClient';
import {
  OpenAlgoSymbolMap,
  parseOpenAlgoExpiry,
  parseOpenAlgoOption,
  toOpenAlgoExpiry,
} from '../openalgo/symbols';
import type { StreamStatus } from '../stream/streamConnection';
import type { BrokerSecrets } from './brokerSecrets';

/**
 * A broker's market data as the core's market feed (the same shape as the built-in exchange's
 * feed): lists the instruments (the master's underlyings plus the nearest expiry's strikes the
 * broker lists around the money), subscribes to all of them and reports each connection's state.
 */
export interface BrokerFeedHandlers {
  onEvent(event: MarketEvent): void;
  onStatus(status: SystemStatus['feed']): void;
}

export interface BrokerMarketFeed {
  start(handlers: BrokerFeedHandlers): Promise<readonly Instrument[]>;
  stop(): Promise<void>;
}

/** Strikes either side of the money the broker is asked for. */
const STRIKES_AROUND = 10;

export const ALPACA_DATA_URL = 'wss://stream.data.alpaca.markets';

export function feedStatus(status: StreamStatus): SystemStatus['feed'] {
  const state =
    status.state === 'live'
      ? 'connected'
      : status.state === 'connecting' || status.state === 'authenticating'
        ? 'connecting'
        : 'disconnected';
  return { state, detail: `${status.name}: ${status.detail}` };
}

function optionOf(
  definition: UnderlyingDefinition,
  expiry: string,
  strike: number,
  right: OptionRight,
): Instrument | null {
  if (!isStrikeOnGrid(definition.options, strike)) return null;
  return makeOptionInstrument(
    definition.options,
    { day: parseIsoDate(expiry), cycle: 'weekly' },
    strike,
    right,
  );
}

export function createBrokerMarketFeed(
  broker: Settings['broker'],
  profile: MarketProfile,
  secrets: BrokerSecrets,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): BrokerMarketFeed {
  const master = loadMarketProfile(profile).master;
  let stop: () => Promise<void> = () => Promise.resolve();
  if (broker.kind === 'openalgo') {
    return {
      async start(handlers) {
        const rest = new OpenAlgoRestClient({ host: broker.host, apiKey: secrets.openalgoApiKey ?? '' });
        const instruments: Instrument[] = [];
        for (const definition of master.underlyings) {
          instruments.push(definition.instrument);
          try {
            const expiries = await rest.call('expiry', {
              symbol: definition.instrument.symbol,
              exchange: definition.options.exchange,
              instrumenttype: 'options',
            });
            const nearest = Array.isArray(expiries.data) ? String(expiries.data[0] ?? '') : '';
            if (nearest === '') continue;
            const chain = await rest.call('optionchain', {
              underlying: definition.instrument.symbol,
              exchange: definition.instrument.exchange === 'BSE' ? 'BSE_INDEX' : 'NSE_INDEX',
              expiry_date: toOpenAlgoExpiry(parseOpenAlgoExpiry(nearest)),
              strike_count: STRIKES_AROUND,
            });
            for (const row of (chain.chain ?? []) as Record<string, { symbol?: string } | undefined>[])
              for (const side of [row.ce, row.pe]) {
                const parsed = side?.symbol ? parseOpenAlgoOption(side.symbol) : null;
                const option = parsed
                  ? optionOf(definition, parsed.expiry, parsed.strike, parsed.right)
                  : null;
                if (option) instruments.push(option);
              }
          } catch (error) {
            log(
              'warn',
              `OpenAlgo lists no options for ${definition.instrument.symbol}: ${(error as Error).message}`,
            );
          }
        }
        rest.close();
        const feed = connectOpenAlgoFeed({
          wsUrl: broker.wsUrl,
          apiKey: secrets.openalgoApiKey ?? '',
          symbols: new OpenAlgoSymbolMap(instruments),
          onEvent: handlers.onEvent,
          onStatus: (status) => handlers.onStatus(feedStatus(status)),
          onProblem: (problem) => log('warn', `OpenAlgo feed: ${problem.code}: ${problem.message}`),
        });
        feed.subscribe(
          instruments.filter((instrument) => instrument.kind === 'index'),
          'LTP',
        );
        feed.subscribe(
          instruments.filter((instrument) => instrument.kind !== 'index'),
          'DEPTH',
        );
        stop = () => feed.close();
        await feed.whenLive();
        return instruments;
      },
      stop: () => stop(),
    };
  }
  return {
    async start(handlers) {
      const tradingUrl =
        broker.alpacaTradingUrl || (broker.paper ? ALPACA_TRADING_URL.paper : ALPACA_TRADING_URL.live);
      const dataUrl = (broker.alpacaDataUrl || ALPACA_DATA_URL).replace(/\/+$/, '');
      const rest = new AlpacaRestClient({
        baseUrl: tradingUrl,
        keyId: secrets.alpacaKeyId ?? '',
        secretKey: secrets.alpacaSecretKey ?? '',
      });
      const instruments: Instrument[] = [];
      const today = new Date().toISOString().slice(0, 10);
      for (const definition of master.underlyings) {
        instruments.push(definition.instrument);
        try {
          const answer = await rest.request<{ option_contracts?: { symbol: string }[] }>(
            'GET',
            `/v2/options/contracts?underlying_symbols=${definition.instrument.symbol}&expiration_date_gte=${today}&limit=${STRIKES_AROUND * 4}`,
          );
          for (const contract of answer.option_contracts ?? []) {
            const parsed = parseOccSymbol(contract.symbol);
            const option =
              parsed && parsed.underlying === definition.instrument.symbol
                ? optionOf(definition, parsed.expiry, parsed.strike, parsed.right)
                : null;
            if (option) instruments.push(option);
          }
        } catch (error) {
          log(
            'warn',
            `Alpaca lists no options for ${definition.instrument.symbol}: ${(error as Error).message}`,
          );
        }
      }
      rest.close();
      const feed = connectAlpacaFeed({
        stockUrl: `${dataUrl}/v2/${broker.alpacaStockFeed}`,
        optionUrl: `${dataUrl}/v1beta1/${broker.alpacaStockFeed === 'sip' ? 'opra' : 'indicative'}`,
        keyId: secrets.alpacaKeyId ?? '',
        secretKey: secrets.alpacaSecretKey ?? '',
        symbols: new AlpacaSymbolMap(instruments),
        onEvent: handlers.onEvent,
        onStatus: (status) => handlers.onStatus(feedStatus(status)),
        onProblem: (problem) => log('warn', `Alpaca feed (${problem.stream}): ${problem.message}`),
      });
      feed.subscribe(instruments);
      stop = () => feed.close();
      await Promise.all([feed.stocks.whenLive(), feed.options.whenLive()]);
      return instruments;
    },
    stop: () => stop(),
  };
}
