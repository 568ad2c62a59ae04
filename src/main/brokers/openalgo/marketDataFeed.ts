import type { Instrument } from '../../../shared/domain/instrument';
import type { BookLevel, MarketEvent } from '../../../shared/domain/marketEvents';
import { DEPTH_LEVELS } from '../../../shared/domain/marketEvents';
import { asPrice } from '../../../shared/domain/price';
import type { TimestampUs } from '../../../shared/domain/time';
import type { BackoffPolicy } from '../stream/backoff';
import type { StreamLink, StreamStatus } from '../stream/streamConnection';
import { openStream } from '../stream/streamConnection';
import type { OpenAlgoError } from './session';
import { openAlgoSession } from './session';
import type { OpenAlgoInstrumentKey, OpenAlgoSymbolMap } from './symbols';
import { keyText } from './symbols';

/** OpenAlgo's modes: 1 LTP, 2 QUOTE (OHLC, volume), 3 DEPTH (5 levels). */
export type OpenAlgoMode = 'LTP' | 'QUOTE' | 'DEPTH';
const MODE_NUMBER: Readonly<Record<OpenAlgoMode, number>> = { LTP: 1, QUOTE: 2, DEPTH: 3 };

export interface OpenAlgoFeedOptions {
  readonly wsUrl: string;
  readonly apiKey: string;
  readonly symbols: OpenAlgoSymbolMap;
  readonly backoff?: BackoffPolicy;
  readonly stallAfterMs?: number;
  readonly random?: () => number;
  onEvent(event: MarketEvent): void;
  onStatus?(status: StreamStatus): void;
  /** A subscription refused (unknown symbol, over the limit) or a malformed frame, in words. */
  onProblem?(problem: OpenAlgoError): void;
}

export interface OpenAlgoMarketFeed {
  subscribe(instruments: readonly Instrument[], mode: OpenAlgoMode): void;
  unsubscribe(instruments: readonly Instrument[]): void;
  /** What is remembered and re-sent after every reconnect, as `EXCHANGE:SYMBOL` → mode. */
  subscriptions(): ReadonlyMap<string, OpenAlgoMode>;
  readonly status: StreamStatus;
  whenLive(): Promise<void>;
  close(): Promise<void>;
}

/** Epoch milliseconds (number) or ISO text, as different brokers behind OpenAlgo send; µs out. */
function timestampUs(value: unknown, fallbackMs: number): TimestampUs {
  if (typeof value === 'number' && Number.isFinite(value))
    return Math.round((value < 1e11 ? value * 1000 : value) * 1000) as TimestampUs;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return (ms * 1000) as TimestampUs;
  }
  return (fallbackMs * 1000) as TimestampUs;
}

function levels(value: unknown, decimals: number): BookLevel[] {
  if (!Array.isArray(value)) return [];
  const out: BookLevel[] = [];
  for (const level of value.slice(0, DEPTH_LEVELS)) {
    const row = level as { price?: unknown; quantity?: unknown };
    if (typeof row.price !== 'number' || typeof row.quantity !== 'number' || row.price <= 0) continue;
    out.push({ price: asPrice(Math.round(row.price * 10 ** decimals)), size: row.quantity });
  }
  return out;
}

/** One `market_data` message → market events (pure; exported for tests). */
export function normaliseMarketData(
  message: Record<string, unknown>,
  instrument: Instrument,
  previousVolume: number | undefined,
  nowMs: number,
): { events: MarketEvent[]; volume: number | undefined } {
  const data = (message.data ?? {}) as Record<string, unknown>;
  const tsEvent = timestampUs(data.timestamp ?? data.ltt, nowMs);
  const decimals = instrument.priceDecimals;
  const symbol = instrument.symbol;
  const events: MarketEvent[] = [];
  const ltp =
    typeof data.ltp === 'number' && data.ltp > 0 ? asPrice(Math.round(data.ltp * 10 ** decimals)) : null;
  const volume = typeof data.volume === 'number' ? data.volume : previousVolume;
  if (instrument.kind === 'index') {
    if (ltp !== null) events.push({ type: 'index', symbol, tsEvent, value: ltp });
    return { events, volume };
  }
  // The proxy's own format nests depth as {buy, sell}; the streaming docs show flat {bids, asks}.
  const depth = (data.depth ?? {}) as { buy?: unknown; sell?: unknown };
  const bids = levels(depth.buy ?? data.bids, decimals);
  const asks = levels(depth.sell ?? data.asks, decimals);
  if (bids.length > 0 && asks.length > 0) {
    events.push({
      type: 'quote',
      symbol,
      tsEvent,
      bidPrice: bids[0].price,
      bidSize: bids[0].size,
      askPrice: asks[0].price,
      askSize: asks[0].size,
    });
    events.push({ type: 'depth', symbol, tsEvent, bids, asks });
  }
  // A print is known only when the day's volume grew; its size is the growth (ltq when volume is absent).
  const traded =
    volume !== undefined && previousVolume !== undefined
      ? volume - previousVolume
      : typeof data.ltq === 'number' && previousVolume === undefined && volume === undefined
        ? data.ltq
        : 0;
  if (ltp !== null && traded > 0)
    events.push({ type: 'trade', symbol, tsEvent, price: ltp, size: traded, aggressor: 'unknown' });
  return { events, volume };
}

export function connectOpenAlgoFeed(options: OpenAlgoFeedOptions): OpenAlgoMarketFeed {
  const remembered = new Map<string, { key: OpenAlgoInstrumentKey; mode: OpenAlgoMode }>();
  const volumes = new Map<string, number>();
  let currentLink: StreamLink | null = null;

  const sendSubscribe = (link: StreamLink, keys: OpenAlgoInstrumentKey[], mode: OpenAlgoMode): void => {
    if (keys.length === 0) return;
    link.send(
      JSON.stringify({
        action: 'subscribe',
        symbols: keys.map((key) => ({ symbol: key.symbol, exchange: key.exchange })),
        mode: MODE_NUMBER[mode],
        depth: 5,
      }),
    );
  };
  const resubscribeAll = (link: StreamLink): void => {
    const byMode = new Map<OpenAlgoMode, OpenAlgoInstrumentKey[]>();
    for (const { key, mode } of remembered.values()) byMode.set(mode, [...(byMode.get(mode) ?? []), key]);
    for (const [mode, keys] of byMode) sendSubscribe(link, keys, mode);
  };
  const problem = (error: OpenAlgoError): void => options.onProblem?.(error);

  const onMessage = (message: Record<string, unknown>): void => {
    if (message.type === 'market_data') {
      const key = { symbol: String(message.symbol), exchange: String(message.exchange) };
      const instrument = options.symbols.instrument(key);
      if (!instrument) return;
      const text = keyText(key);
      const { events, volume } = normaliseMarketData(message, instrument, volumes.get(text), Date.now());
      if (volume !== undefined) volumes.set(text, volume);
      for (const event of events) options.onEvent(event);
      return;
    }
    if (message.type === 'subscribe' && Array.isArray(message.subscriptions)) {
      for (const entry of message.subscriptions as Record<string, unknown>[]) {
        if (entry.status === 'success') continue;
        const key = { symbol: String(entry.symbol), exchange: String(entry.exchange) };
        // Refused symbols are forgotten: re-sending them after every reconnect would fail the same way.
        remembered.delete(keyText(key));
        problem({
          code: 'SYMBOL_NOT_FOUND',
          message: `OpenAlgo refused ${keyText(key)}: ${String(entry.message ?? 'no reason given')}`,
        });
      }
    }
  };

  const stream = openStream({
    name: 'openalgo market data',
    url: options.wsUrl,
    protocol: openAlgoSession(options.apiKey, {
      onAuthenticated: (link) => {
        currentLink = link;
        volumes.clear();
        resubscribeAll(link);
      },
      onMessage,
      onError: (error) => {
        if (error.code === 'SYMBOL_NOT_FOUND' || error.code === 'LIMIT_EXCEEDED') {
          const refused = /([A-Z_]+):([A-Z0-9&-]+)/.exec(error.message);
          if (refused) remembered.delete(`${refused[1]}:${refused[2]}`);
        }
        problem(error);
      },
    }),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.stallAfterMs ? { stallAfterMs: options.stallAfterMs } : {}),
    ...(options.random ? { random: options.random } : {}),
    onStatus: (status) => {
      if (status.state !== 'live') currentLink = null;
      options.onStatus?.(status);
    },
  });

  const keysOf = (instruments: readonly Instrument[]): OpenAlgoInstrumentKey[] =>
    instruments.flatMap((instrument) => {
      const key = options.symbols.key(instrument.symbol);
      return key ? [key] : [];
    });

  return {
    subscribe(instruments, mode) {
      const keys = keysOf(instruments);
      for (const key of keys) remembered.set(keyText(key), { key, mode });
      if (currentLink) sendSubscribe(currentLink, keys, mode);
    },
    unsubscribe(instruments) {
      const keys = keysOf(instruments);
      for (const key of keys) remembered.delete(keyText(key));
      if (currentLink && keys.length > 0)
        currentLink.send(
          JSON.stringify({
            action: 'unsubscribe',
            symbols: keys.map((key) => ({ symbol: key.symbol, exchange: key.exchange })),
          }),
        );
    },
    subscriptions() {
      return new Map([...remembered].map(([text, { mode }]) => [text, mode]));
    },
    get status() {
      return stream.status;
    },
    whenLive: () => stream.whenLive(),
    close: () => stream.close(),
  };
}
