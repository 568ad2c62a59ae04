import type { SystemStatus } from '../../../shared/api/views';
import type { Instrument, MarketProfile, OptionRight } from '../../../shared/domain/instrument';
import { parseIsoDate } from '../../../shared/domain/instruments/civilDate';
import type { UnderlyingDefinition } from '../../../shared/domain/instruments/master';
import { isStrikeOnGrid, makeOptionInstrument } from '../../../shared/domain/instruments/optionSymbols';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { ChainSnapshot } from '../../../shared/options/chain/snapshot';
import type { Settings } from '../../platform/settings';
import { loadMarketProfile } from '../../trading/reference/marketProfiles';
import { connectAlpacaFeed } from '../alpaca/marketDataFeed';
import { AlpacaRestClient } from '../alpaca/restClient';
import { alpacaEndpoints } from '../alpaca/endpoints';
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
import type { ContractFacts } from './brokerChain';
import { BrokerChainBook } from './brokerChain';
import type { BrokerSecrets } from './brokerSecrets';
import type { ConnectionBoard } from './connectionBoard';
import { combinedFeedStatus } from './connectionBoard';

/**
 * A broker's market data as the core's market feed (the same shape as the built-in exchange's
 * feed): lists the instruments (the master's underlyings plus the nearest expiry's strikes the
 * broker lists around the money), subscribes to all of them and reports each connection's state.
 * Its `chain()` — the engine's options context and the chain window — is built from the streamed
 * quotes and prints (`BrokerChainBook`, IV solved from the mids), with open interest, volume and the
 * previous close from the broker's REST: OpenAlgo's `optionchain` at each request, Alpaca's option
 * contracts (`open_interest`, `close_price`) as listed at start.
 */
export interface BrokerFeedHandlers {
  onEvent(event: MarketEvent): void;
  onStatus(status: SystemStatus['feed']): void;
}

export interface BrokerMarketFeed {
  start(handlers: BrokerFeedHandlers): Promise<readonly Instrument[]>;
  stop(): Promise<void>;
  /** The chain of an underlying's nearest listed expiry (or `expiry`); rejects, naming what is missing, before the data is there. */
  chain(underlying: string, expiry?: string): Promise<ChainSnapshot>;
}

/** Strikes either side of the money the broker is asked for. */
const STRIKES_AROUND = 10;

/**
 * Each market-data stream's state goes to the connection board; the feed state is the worst of them
 * (one stale stream makes the feed stale, so nothing trades on half the data).
 */
function feedStatusReporter(
  handlers: BrokerFeedHandlers,
  board: ConnectionBoard | undefined,
): (status: StreamStatus) => void {
  const latest = new Map<string, StreamStatus>();
  return (status) => {
    latest.set(status.name, status);
    board?.stream(status);
    handlers.onStatus(combinedFeedStatus([...latest.values()]));
  };
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

interface ListedOption {
  readonly underlying: string;
  readonly expiry: string;
  readonly strike: number;
  readonly right: OptionRight;
}

/** The master's underlyings plus the options the broker lists for each (on the master's strike grid). */
async function listInstruments(
  profile: MarketProfile,
  brokerName: string,
  listOptions: (definition: UnderlyingDefinition) => Promise<ListedOption[]>,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
): Promise<Instrument[]> {
  const instruments: Instrument[] = [];
  for (const definition of loadMarketProfile(profile).master.underlyings) {
    instruments.push(definition.instrument);
    try {
      for (const listed of await listOptions(definition)) {
        const option =
          listed.underlying === definition.instrument.symbol
            ? optionOf(definition, listed.expiry, listed.strike, listed.right)
            : null;
        if (option) instruments.push(option);
      }
    } catch (error) {
      log(
        'warn',
        `${brokerName} lists no options for ${definition.instrument.symbol}: ${(error as Error).message}`,
      );
    }
  }
  return instruments;
}

/** Streamed events pass through the chain book on their way to the core. */
function observed(handlers: BrokerFeedHandlers, book: BrokerChainBook): (event: MarketEvent) => void {
  return (event) => {
    book.observe(event);
    handlers.onEvent(event);
  };
}

const notStarted = (): Promise<ChainSnapshot> =>
  Promise.reject(new Error("the broker's market feed has not listed its instruments yet: no chain"));

/** A count in units of quantity (OpenAlgo's `oi` and `volume`) as contracts; absent when not a number. */
function contractsOf(value: unknown, lotSize: number): number | undefined {
  const number = Number(value);
  return value === undefined || value === null || !Number.isFinite(number) ? undefined : number / lotSize;
}

function decimalOf(value: unknown): number | undefined {
  const number = Number(value);
  return value === undefined || value === null || value === '' || !Number.isFinite(number)
    ? undefined
    : number;
}

export function createBrokerMarketFeed(
  broker: Settings['broker'],
  profile: MarketProfile,
  secrets: BrokerSecrets,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
  board?: ConnectionBoard,
): BrokerMarketFeed {
  let stop: () => Promise<void> = () => Promise.resolve();
  let chain: (underlying: string, expiry?: string) => Promise<ChainSnapshot> = notStarted;
  const { calendar } = loadMarketProfile(profile);
  if (broker.kind === 'openalgo') {
    return {
      async start(handlers) {
        const rest = new OpenAlgoRestClient({ host: broker.host, apiKey: secrets.openalgoApiKey ?? '' });
        const indexExchange = (definition: UnderlyingDefinition): string =>
          definition.instrument.exchange === 'BSE' ? 'BSE_INDEX' : 'NSE_INDEX';
        const instruments = await listInstruments(
          profile,
          'OpenAlgo',
          async (definition) => {
            const expiries = await rest.call('expiry', {
              symbol: definition.instrument.symbol,
              exchange: definition.options.exchange,
              instrumenttype: 'options',
            });
            const nearest = Array.isArray(expiries.data) ? String(expiries.data[0] ?? '') : '';
            if (nearest === '') return [];
            const chain = await rest.call('optionchain', {
              underlying: definition.instrument.symbol,
              exchange: indexExchange(definition),
              expiry_date: toOpenAlgoExpiry(parseOpenAlgoExpiry(nearest)),
              strike_count: STRIKES_AROUND,
            });
            const rows = (chain.chain ?? []) as Record<string, { symbol?: string } | undefined>[];
            return rows.flatMap((row) =>
              [row.ce, row.pe].flatMap((side) => {
                const parsed = side?.symbol ? parseOpenAlgoOption(side.symbol) : null;
                return parsed ? [parsed] : [];
              }),
            );
          },
          log,
        );
        const symbols = new OpenAlgoSymbolMap(instruments);
        const book = new BrokerChainBook(instruments, calendar);
        const definitions = loadMarketProfile(profile).master.underlyings;
        // OpenAlgo's optionchain (docs/api/options-services/optionchain.md): `oi` and `volume` per
        // side, in units of quantity like its quotes; `prev_close` in price.
        const factsOf = async (underlying: string, expiry: string): Promise<Map<string, ContractFacts>> => {
          const definition = definitions.find((candidate) => candidate.instrument.symbol === underlying);
          if (!definition) throw new Error(`${underlying} is not in the ${profile} instrument master`);
          const answer = await rest.call('optionchain', {
            underlying,
            exchange: indexExchange(definition),
            expiry_date: toOpenAlgoExpiry(expiry),
            strike_count: STRIKES_AROUND,
          });
          const facts = new Map<string, ContractFacts>();
          for (const row of (answer.chain ?? []) as Record<string, Record<string, unknown> | undefined>[])
            for (const side of [row.ce, row.pe]) {
              const instrument =
                typeof side?.symbol === 'string'
                  ? symbols.instrumentOf(side.symbol, definition.options.exchange)
                  : undefined;
              if (!side || !instrument) continue;
              facts.set(instrument.symbol, {
                oi: contractsOf(side.oi, instrument.lotSize),
                volume: contractsOf(side.volume, instrument.lotSize),
                prevClose: decimalOf(side.prev_close),
              });
            }
          return facts;
        };
        chain = async (underlying, expiry) => {
          const date = book.resolveExpiry(underlying, expiry);
          return book.snapshot(underlying, date, await factsOf(underlying, date));
        };
        const feed = connectOpenAlgoFeed({
          wsUrl: broker.wsUrl,
          apiKey: secrets.openalgoApiKey ?? '',
          symbols,
          onEvent: observed(handlers, book),
          onStatus: feedStatusReporter(handlers, board),
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
        stop = async () => {
          chain = notStarted;
          rest.close();
          await feed.close();
        };
        await feed.whenLive();
        return instruments;
      },
      stop: () => stop(),
      chain: (underlying, expiry) => chain(underlying, expiry),
    };
  }
  return {
    async start(handlers) {
      const { tradingUrl, stockUrl, optionUrl } = alpacaEndpoints(broker);
      const rest = new AlpacaRestClient({
        baseUrl: tradingUrl,
        keyId: secrets.alpacaKeyId ?? '',
        secretKey: secrets.alpacaSecretKey ?? '',
      });
      const today = new Date().toISOString().slice(0, 10);
      // Alpaca's option contracts carry the previous session's open interest (contracts) and close.
      const listedFacts = new Map<string, ContractFacts>();
      const instruments = await listInstruments(
        profile,
        'Alpaca',
        async (definition) => {
          const answer = await rest.request<{
            option_contracts?: { symbol: string; open_interest?: unknown; close_price?: unknown }[];
          }>(
            'GET',
            `/v2/options/contracts?underlying_symbols=${definition.instrument.symbol}&expiration_date_gte=${today}&limit=${STRIKES_AROUND * 4}`,
          );
          return (answer.option_contracts ?? []).flatMap((contract) => {
            const parsed = parseOccSymbol(contract.symbol);
            if (!parsed) return [];
            listedFacts.set(contract.symbol, {
              oi: decimalOf(contract.open_interest),
              prevClose: decimalOf(contract.close_price),
            });
            return [parsed];
          });
        },
        log,
      );
      rest.close();
      const symbols = new AlpacaSymbolMap(instruments);
      const facts = new Map<string, ContractFacts>();
      for (const [occ, contractFacts] of listedFacts) {
        const instrument = symbols.instrument(occ);
        if (instrument) facts.set(instrument.symbol, contractFacts);
      }
      const book = new BrokerChainBook(instruments, calendar);
      chain = (underlying, expiry) => Promise.resolve().then(() => book.snapshot(underlying, expiry, facts));
      const feed = connectAlpacaFeed({
        stockUrl: stockUrl,
        optionUrl: optionUrl,
        keyId: secrets.alpacaKeyId ?? '',
        secretKey: secrets.alpacaSecretKey ?? '',
        symbols,
        onEvent: observed(handlers, book),
        onStatus: feedStatusReporter(handlers, board),
        onProblem: (problem) => log('warn', `Alpaca feed (${problem.stream}): ${problem.message}`),
      });
      feed.subscribe(instruments);
      stop = () => {
        chain = notStarted;
        return feed.close();
      };
      await Promise.all([feed.stocks.whenLive(), feed.options.whenLive()]);
      return instruments;
    },
    stop: () => stop(),
    chain: (underlying, expiry) => chain(underlying, expiry),
  };
}
