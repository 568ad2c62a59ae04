import type { Instrument } from '../../../shared/domain/instrument';
import { isOption } from '../../../shared/domain/instrument';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import { asPrice } from '../../../shared/domain/price';
import type { TimestampUs } from '../../../shared/domain/time';
import type { BackoffPolicy } from '../stream/backoff';
import type { StreamConnection, StreamLink, StreamStatus } from '../stream/streamConnection';
import { openStream } from '../stream/streamConnection';
import type { AlpacaEncoding, AlpacaStreamError } from './dataSession';
import { alpacaDataSession, encodeAlpaca } from './dataSession';
import type { AlpacaSymbolMap } from './symbols';

/**
 * Alpaca market data over two WebSockets: stocks (JSON, `/v2/iex` or `/v2/sip`) and options
 * (MessagePack, `/v1beta1/indicative` or `/v1beta1/opra`). Trades (`T:"t"`) and quotes (`T:"q"`)
 * become the workstation's trade, quote and one-level depth events: Alpaca publishes top of book
 * only, so the ladder shows the NBBO (stocks) or the OPRA best bid/offer (options).
 */
export interface AlpacaFeedOptions {
  readonly stockUrl: string;
  readonly optionUrl: string;
  readonly keyId: string;
  readonly secretKey: string;
  readonly symbols: AlpacaSymbolMap;
  readonly backoff?: BackoffPolicy;
  readonly stallAfterMs?: number;
  readonly random?: () => number;
  onEvent(event: MarketEvent): void;
  onStatus?(status: StreamStatus): void;
  onProblem?(problem: AlpacaStreamError & { readonly stream: string }): void;
}

export interface AlpacaMarketFeed {
  subscribe(instruments: readonly Instrument[]): void;
  unsubscribe(instruments: readonly Instrument[]): void;
  subscriptions(): ReadonlySet<string>;
  readonly stocks: StreamConnection;
  readonly options: StreamConnection;
  close(): Promise<void>;
}

/** RFC 3339 with up to nanoseconds (JSON) or a MessagePack timestamp (decoded to Date) → µs. */
export function alpacaTimestampUs(value: unknown, fallbackMs: number): TimestampUs {
  if (value instanceof Date) return (value.getTime() * 1000) as TimestampUs;
  if (typeof value === 'string') {
    const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(value);
    if (match) {
      const seconds = Date.parse(`${match[1]}${match[3]}`);
      const micros = Number((match[2] ?? '').padEnd(6, '0').slice(0, 6));
      if (Number.isFinite(seconds)) return (seconds * 1000 + micros) as TimestampUs;
    }
  }
  return (fallbackMs * 1000) as TimestampUs;
}

/** One trade or quote message → market events (pure; exported for tests). */
export function normaliseAlpacaMessage(
  message: Record<string, unknown>,
  instrument: Instrument,
  nowMs: number,
): MarketEvent[] {
  const scale = 10 ** instrument.priceDecimals;
  const units = (value: unknown): number => (typeof value === 'number' ? Math.round(value * scale) : 0);
  const tsEvent = alpacaTimestampUs(message.t, nowMs);
  const symbol = instrument.symbol;
  if (message.T === 't' && units(message.p) > 0)
    return [
      {
        type: 'trade',
        symbol,
        tsEvent,
        price: asPrice(units(message.p)),
        size: Number(message.s) || 0,
        aggressor: 'unknown',
      },
    ];
  if (message.T !== 'q') return [];
  const bid = { price: asPrice(units(message.bp)), size: Number(message.bs) || 0 };
  const ask = { price: asPrice(units(message.ap)), size: Number(message.as) || 0 };
  if (bid.price <= 0 || ask.price <= 0) return [];
  return [
    {
      type: 'quote',
      symbol,
      tsEvent,
      bidPrice: bid.price,
      bidSize: bid.size,
      askPrice: ask.price,
      askSize: ask.size,
    },
    { type: 'depth', symbol, tsEvent, bids: [bid], asks: [ask] },
  ];
}

export function connectAlpacaFeed(options: AlpacaFeedOptions): AlpacaMarketFeed {
  const remembered = { json: new Set<string>(), msgpack: new Set<string>() };
  const links: Record<AlpacaEncoding, StreamLink | null> = { json: null, msgpack: null };

  const send = (
    encoding: AlpacaEncoding,
    action: 'subscribe' | 'unsubscribe',
    symbols: readonly string[],
  ): void => {
    const link = links[encoding];
    if (!link || symbols.length === 0) return;
    // Options take no wildcard quotes (413) and stocks take the same shape: explicit symbols only.
    link.send(encodeAlpaca(encoding, { action, trades: [...symbols], quotes: [...symbols] }));
  };

  const open = (encoding: AlpacaEncoding, name: string, url: string): StreamConnection =>
    openStream({
      name,
      url,
      protocol: alpacaDataSession({ keyId: options.keyId, secretKey: options.secretKey }, encoding, {
        onAuthenticated: (link) => {
          links[encoding] = link;
          send(encoding, 'subscribe', [...remembered[encoding]]);
        },
        onMessage: (message) => {
          if (message.T === 'subscription') return;
          const instrument = options.symbols.instrument(String(message.S));
          if (!instrument) return;
          for (const event of normaliseAlpacaMessage(message, instrument, Date.now())) options.onEvent(event);
        },
        onError: (error) => options.onProblem?.({ ...error, stream: name }),
      }),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.stallAfterMs ? { stallAfterMs: options.stallAfterMs } : {}),
      ...(options.random ? { random: options.random } : {}),
      onStatus: (status) => {
        if (status.state !== 'live') links[encoding] = null;
        options.onStatus?.(status);
      },
    });

  const stocks = open('json', 'alpaca stocks', options.stockUrl);
  const optionStream = open('msgpack', 'alpaca options', options.optionUrl);

  const split = (instruments: readonly Instrument[]): Record<AlpacaEncoding, string[]> => {
    const out: Record<AlpacaEncoding, string[]> = { json: [], msgpack: [] };
    for (const instrument of instruments) {
      const symbol = options.symbols.alpacaSymbol(instrument.symbol);
      if (symbol) out[isOption(instrument) ? 'msgpack' : 'json'].push(symbol);
    }
    return out;
  };

  return {
    subscribe(instruments) {
      const parts = split(instruments);
      for (const encoding of ['json', 'msgpack'] as const) {
        for (const symbol of parts[encoding]) remembered[encoding].add(symbol);
        send(encoding, 'subscribe', parts[encoding]);
      }
    },
    unsubscribe(instruments) {
      const parts = split(instruments);
      for (const encoding of ['json', 'msgpack'] as const) {
        for (const symbol of parts[encoding]) remembered[encoding].delete(symbol);
        send(encoding, 'unsubscribe', parts[encoding]);
      }
    },
    subscriptions() {
      return new Set([...remembered.json, ...remembered.msgpack]);
    },
    stocks,
    options: optionStream,
    async close() {
      await Promise.all([stocks.close(), optionStream.close()]);
    },
  };
}
