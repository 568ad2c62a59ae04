import type { Symbol } from '../domain/ids';
import type { Instrument } from '../domain/instrument';
import type { BookLevel, MarketEvent, Side } from '../domain/marketEvents';
import { asPrice, type PriceFormat } from '../domain/price';
import type { TimestampUs } from '../domain/time';
import type { OptionsContext } from '../options/context';
import { ByteReader, ByteWriter } from './bytes';
import type { RecordedEvent, RecordedInstrument, RecordingMeta } from './events';
import { isEventRecord, RecordType } from './format';
import { appendFrame } from './frames';

/** A value the encoder cannot represent exactly (a fractional price, a timestamp that is not an integer). */
export class RecordEncodeError extends Error {
  override name = 'RecordEncodeError';
}

/** A frame whose CRC matched but whose payload does not parse: written by a buggy or newer writer. */
export class RecordDecodeError extends Error {
  override name = 'RecordDecodeError';
}

const TWO_POW_52 = 2 ** 52;

/** Contract-stats fields in the order of their presence bits. */
const CONTRACT_STAT_FIELDS = ['openInterest', 'oiChange', 'iv', 'delta', 'gamma'] as const;
type ContractStatField = (typeof CONTRACT_STAT_FIELDS)[number];

/**
 * Sizes are integers on every market Scalpdesk trades today, encoded as `uvarint(size * 2)`; a
 * fractional size (crypto) is `uvarint(1)` followed by the float64, so it stays exact either way.
 */
function writeQuantity(out: ByteWriter, value: number): void {
  if (value >= 0 && value < TWO_POW_52 && Number.isInteger(value)) out.uvarint(value * 2);
  else {
    out.uvarint(1);
    out.f64(value);
  }
}

function readQuantity(input: ByteReader): number {
  const zigzag = input.uvarint();
  if (zigzag === 1) return input.f64();
  return zigzag / 2;
}

function checkPrice(value: number, event: RecordedEvent): number {
  if (!Number.isSafeInteger(value)) {
    throw new RecordEncodeError(
      `${event.type} ${event.symbol} at ${event.tsEvent}: price ${value} is not an integer count of minor units`,
    );
  }
  return value;
}

function formatOf(instrument: RecordedInstrument): string {
  return `${instrument.priceDecimals}/${instrument.tickUnits}/${instrument.instrument ? JSON.stringify(instrument.instrument) : ''}`;
}

function writeInstrumentPayload(out: ByteWriter, id: number, instrument: RecordedInstrument): void {
  out.uvarint(id);
  out.uvarint(instrument.priceDecimals);
  out.uvarint(instrument.tickUnits);
  out.string(instrument.symbol);
  out.string(instrument.instrument ? JSON.stringify(instrument.instrument) : '');
}

function readInstrumentPayload(input: ByteReader): { id: number; instrument: RecordedInstrument } {
  const id = input.uvarint();
  const priceDecimals = input.uvarint();
  const tickUnits = input.uvarint();
  const symbol = input.string() as Symbol;
  const json = input.string();
  const instrument: RecordedInstrument =
    json === ''
      ? { symbol, priceDecimals, tickUnits }
      : { symbol, priceDecimals, tickUnits, instrument: JSON.parse(json) as Instrument };
  return { id, instrument };
}

export interface RecordEncoderOptions {
  /**
   * Price format given to a symbol that appears in an event before `defineInstrument` was called for
   * it. Recorders should define instruments first; this keeps a stray event from being lost.
   */
  readonly defaultPriceFormat?: PriceFormat;
}

/** Where an encoder left off, so a writer reopening a day's file continues the symbol ids and time chain. */
export interface EncoderState {
  readonly instruments: readonly RecordedInstrument[];
  readonly previousTs: number;
}

/**
 * Turns events into frames. Stateful: symbols are interned (each name is written once, in a
 * SymbolDefined frame, then referred to by a small id) and timestamps are written as the difference
 * from the previous event's, which is 1–3 bytes on a busy tape.
 */
export class RecordEncoder {
  private readonly symbolIds = new Map<string, number>();
  private readonly definitions: RecordedInstrument[] = [];
  private readonly formats: string[] = [];
  private previousTs = 0;
  private readonly payload = new ByteWriter(256);
  private readonly defaultPriceFormat: PriceFormat;

  constructor(options: RecordEncoderOptions = {}, resume?: EncoderState) {
    this.defaultPriceFormat = options.defaultPriceFormat ?? { priceDecimals: 2, tickUnits: 1 };
    if (resume) {
      resume.instruments.forEach((instrument, id) => {
        this.symbolIds.set(instrument.symbol, id);
        this.definitions.push(instrument);
        this.formats.push(formatOf(instrument));
      });
      this.previousTs = resume.previousTs;
    }
  }

  get state(): EncoderState {
    return { instruments: this.definitions.slice(), previousTs: this.previousTs };
  }

  /** Writes a SymbolDefined frame unless the symbol is already defined with the same format. */
  defineInstrument(instrument: RecordedInstrument, out: ByteWriter): void {
    const existing = this.symbolIds.get(instrument.symbol);
    const format = formatOf(instrument);
    if (existing !== undefined && this.formats[existing] === format) return;
    const id = existing ?? this.definitions.length;
    this.symbolIds.set(instrument.symbol, id);
    this.definitions[id] = instrument;
    this.formats[id] = format;
    const payload = this.payload;
    payload.reset();
    writeInstrumentPayload(payload, id, instrument);
    appendFrame(out, RecordType.SymbolDefined, payload.bytes());
  }

  writeMeta(meta: RecordingMeta, out: ByteWriter): void {
    const payload = this.payload;
    payload.reset();
    payload.string(JSON.stringify(meta));
    appendFrame(out, RecordType.Meta, payload.bytes());
  }

  /** tsEvent of the last event written: the base of the next event's time delta. */
  get previousTimestamp(): number {
    return this.previousTs;
  }

  /** Defines `symbol` with the default price format if it has no definition yet. Returns the frames written (0 or 1). */
  ensureSymbol(symbol: Symbol, out: ByteWriter): number {
    if (this.symbolIds.has(symbol)) return 0;
    this.defineInstrument({ symbol, ...this.defaultPriceFormat }, out);
    return 1;
  }

  /**
   * Appends the frame for one event, preceded by a SymbolDefined frame the first time a symbol is seen.
   * Returns the number of frames written (1 or 2).
   */
  writeEvent(event: RecordedEvent, out: ByteWriter): number {
    const frames = this.ensureSymbol(event.symbol, out) + 1;
    const id = this.symbolIds.get(event.symbol) as number;
    const ts = event.tsEvent;
    if (!Number.isSafeInteger(ts))
      throw new RecordEncodeError(
        `${event.type} ${event.symbol}: tsEvent ${ts} is not an integer of microseconds`,
      );
    const payload = this.payload;
    payload.reset();
    payload.uvarint(id);
    payload.svarint(ts - this.previousTs);
    let type: number;
    switch (event.type) {
      case 'trade':
        type =
          event.aggressor === 'buy'
            ? RecordType.TradeBuyAggressor
            : event.aggressor === 'sell'
              ? RecordType.TradeSellAggressor
              : RecordType.TradeUnknownAggressor;
        payload.svarint(checkPrice(event.price, event));
        writeQuantity(payload, event.size);
        break;
      case 'quote':
        type = RecordType.Quote;
        payload.svarint(checkPrice(event.bidPrice, event));
        writeQuantity(payload, event.bidSize);
        // The ask as a spread over the bid: a few ticks, one or two bytes.
        payload.svarint(checkPrice(event.askPrice, event) - event.bidPrice);
        writeQuantity(payload, event.askSize);
        break;
      case 'depth': {
        type = RecordType.Depth;
        writeLevels(payload, event.bids, event, 0);
        const reference = event.bids.length > 0 ? event.bids[0].price : 0;
        writeLevels(payload, event.asks, event, reference);
        break;
      }
      case 'index':
        type = RecordType.IndexTick;
        payload.svarint(checkPrice(event.value, event));
        break;
      case 'bar':
        type = RecordType.Bar;
        payload.uvarint(event.intervalSeconds);
        payload.svarint(checkPrice(event.open, event));
        payload.svarint(checkPrice(event.high, event) - event.open);
        payload.svarint(checkPrice(event.low, event) - event.open);
        payload.svarint(checkPrice(event.close, event) - event.open);
        writeQuantity(payload, event.volume);
        break;
      case 'contractStats': {
        type = RecordType.ContractStats;
        let presence = 0;
        CONTRACT_STAT_FIELDS.forEach((field, bit) => {
          if (event[field] !== undefined) presence |= 1 << bit;
        });
        payload.u8(presence);
        for (const field of CONTRACT_STAT_FIELDS) {
          const value = event[field];
          if (value !== undefined) payload.f64(value);
        }
        break;
      }
      case 'optionsContext':
        type = RecordType.OptionsContext;
        // Rare (every 30–60 s) and full of floats and arrays: JSON keeps it exact and readable.
        payload.string(JSON.stringify(event.context));
        break;
      case 'marketDataState':
        type = RecordType.MarketDataState;
        payload.u8(event.outage === null ? 0 : 1);
        if (event.outage !== null) payload.string(event.outage);
        break;
      case 'clock':
        type = RecordType.Clock;
        break;
      default:
        throw new RecordEncodeError(`unknown event type ${(event as { type: string }).type}`);
    }
    appendFrame(out, type, payload.bytes());
    this.previousTs = ts;
    return frames;
  }
}

/** Levels as the first price relative to `reference` and each next one relative to the one before. */
function writeLevels(
  out: ByteWriter,
  levels: readonly BookLevel[],
  event: RecordedEvent,
  reference: number,
): void {
  out.uvarint(levels.length);
  let previous = reference;
  for (const level of levels) {
    out.svarint(checkPrice(level.price, event) - previous);
    writeQuantity(out, level.size);
    previous = level.price;
  }
}

function readLevels(input: ByteReader, reference: number): BookLevel[] {
  const count = input.uvarint();
  if (count > 1024) throw new RecordDecodeError(`depth with ${count} levels`);
  const levels: BookLevel[] = new Array(count);
  let previous = reference;
  for (let i = 0; i < count; i++) {
    const price = previous + input.svarint();
    levels[i] = { price: asPrice(price), size: readQuantity(input) };
    previous = price;
  }
  return levels;
}

const AGGRESSOR_BY_TYPE: Record<number, Side | 'unknown'> = {
  [RecordType.TradeUnknownAggressor]: 'unknown',
  [RecordType.TradeBuyAggressor]: 'buy',
  [RecordType.TradeSellAggressor]: 'sell',
};

const KNOWN_EVENT_TYPES: ReadonlySet<number> = new Set([
  RecordType.TradeUnknownAggressor,
  RecordType.TradeBuyAggressor,
  RecordType.TradeSellAggressor,
  RecordType.Quote,
  RecordType.Depth,
  RecordType.IndexTick,
  RecordType.Bar,
  RecordType.OptionsContext,
  RecordType.ContractStats,
]);

/**
 * Turns frames back into events. Keeps the symbol table and the timestamp chain; `previousTs` and the
 * instruments can be primed from an index checkpoint to start decoding in the middle of a file.
 */
export class RecordDecoder {
  instruments: RecordedInstrument[] = [];
  meta: RecordingMeta | undefined;
  previousTs = 0;
  /** Event frames of a type this build does not know (newer writer), skipped. */
  skippedUnknown = 0;
  private readonly input = new ByteReader(new Uint8Array(0));

  /** Decodes a frame's payload. Returns the event, or null for frames that are not events (symbols, meta, index). */
  decode(type: number, bytes: Uint8Array, start: number, end: number): RecordedEvent | null {
    const input = this.input;
    input.reset(bytes, start, end);
    try {
      if (!isEventRecord(type)) {
        this.decodeControl(type, input);
        return null;
      }
      const id = input.uvarint();
      const ts = this.previousTs + input.svarint();
      this.previousTs = ts;
      const definition = this.instruments[id];
      if (definition === undefined && KNOWN_EVENT_TYPES.has(type)) {
        throw new RecordDecodeError(
          `event refers to symbol id ${id}, which no SymbolDefined frame before it defines`,
        );
      }
      const event = this.decodeEvent(type, input, definition?.symbol as Symbol, ts as TimestampUs);
      if (event === null) this.skippedUnknown++;
      else if (input.position !== end)
        throw new RecordDecodeError(`${end - input.position} unexpected bytes after a ${event.type} payload`);
      return event;
    } catch (error) {
      if (error instanceof RecordDecodeError) throw error;
      throw new RecordDecodeError(`frame type 0x${type.toString(16)}: ${(error as Error).message}`);
    }
  }

  private decodeEvent(
    type: number,
    input: ByteReader,
    symbol: Symbol,
    tsEvent: TimestampUs,
  ): RecordedEvent | null {
    switch (type) {
      case RecordType.TradeUnknownAggressor:
      case RecordType.TradeBuyAggressor:
      case RecordType.TradeSellAggressor: {
        const price = asPrice(input.svarint());
        const size = readQuantity(input);
        return { type: 'trade', symbol, tsEvent, price, size, aggressor: AGGRESSOR_BY_TYPE[type] };
      }
      case RecordType.Quote: {
        const bidPrice = input.svarint();
        const bidSize = readQuantity(input);
        const askPrice = bidPrice + input.svarint();
        const askSize = readQuantity(input);
        return {
          type: 'quote',
          symbol,
          tsEvent,
          bidPrice: asPrice(bidPrice),
          bidSize,
          askPrice: asPrice(askPrice),
          askSize,
        };
      }
      case RecordType.Depth: {
        const bids = readLevels(input, 0);
        const asks = readLevels(input, bids.length > 0 ? bids[0].price : 0);
        return { type: 'depth', symbol, tsEvent, bids, asks };
      }
      case RecordType.IndexTick:
        return { type: 'index', symbol, tsEvent, value: asPrice(input.svarint()) };
      case RecordType.Bar: {
        const intervalSeconds = input.uvarint();
        const open = input.svarint();
        const high = open + input.svarint();
        const low = open + input.svarint();
        const close = open + input.svarint();
        const volume = readQuantity(input);
        const bar: MarketEvent = {
          type: 'bar',
          symbol,
          tsEvent,
          intervalSeconds,
          open: asPrice(open),
          high: asPrice(high),
          low: asPrice(low),
          close: asPrice(close),
          volume,
        };
        return bar;
      }
      case RecordType.OptionsContext:
        return {
          type: 'optionsContext',
          symbol,
          tsEvent,
          context: JSON.parse(input.string()) as OptionsContext,
        };
      case RecordType.Clock:
        return { type: 'clock', symbol, tsEvent };
      case RecordType.MarketDataState:
        return { type: 'marketDataState', symbol, tsEvent, outage: input.u8() === 0 ? null : input.string() };
      case RecordType.ContractStats: {
        const presence = input.u8();
        const stats: { -readonly [K in ContractStatField]?: number } = {};
        CONTRACT_STAT_FIELDS.forEach((field, bit) => {
          if (presence & (1 << bit)) stats[field] = input.f64();
        });
        return { type: 'contractStats', symbol, tsEvent, ...stats };
      }
      default:
        input.position = input.end;
        return null;
    }
  }

  private decodeControl(type: number, input: ByteReader): void {
    switch (type) {
      case RecordType.SymbolDefined: {
        const { id, instrument } = readInstrumentPayload(input);
        this.instruments[id] = instrument;
        return;
      }
      case RecordType.Meta:
        this.meta = JSON.parse(input.string()) as RecordingMeta;
        return;
      default:
        // Index blocks and trailers, and control frames of a newer minor revision: nothing to replay.
        return;
    }
  }
}

/** A point in the file where decoding can start: what the decoder's state is just before `offset`. */
export interface TimeCheckpoint {
  /** Byte offset of an event frame. */
  readonly offset: number;
  /** Frames (of any type) before it. */
  readonly recordNumber: number;
  /** Event frames before it. */
  readonly eventNumber: number;
  /** tsEvent of the event before it (the base its time delta is relative to). */
  readonly previousTs: number;
  /**
   * Largest tsEvent of all events before it. Seeking to time T starts at the last checkpoint whose
   * maxTsBefore is below T, which is correct even when a tape has small out-of-order timestamps.
   */
  readonly maxTsBefore: number;
}

/** What a reader needs to seek: written as a footer on close, or rebuilt by scanning after a crash. */
export interface RecordingIndex {
  /** By symbol id. */
  readonly instruments: readonly RecordedInstrument[];
  readonly meta: RecordingMeta | undefined;
  readonly checkpoints: readonly TimeCheckpoint[];
  /** Byte length of the part of the file the index covers (up to the footer, or up to the last good frame). */
  readonly coveredBytes: number;
  readonly recordCount: number;
  readonly eventCount: number;
  /** tsEvent of the first and the last event, and the largest; null without events. */
  readonly firstTs: number | null;
  readonly lastTs: number | null;
  readonly maxTs: number | null;
  /**
   * The time-chain base at the end of the covered part: tsEvent of the last event frame, including
   * frames of a type this build skipped. A writer appending to the file continues from it.
   */
  readonly chainTs: number;
}

export function encodeIndexBlock(index: RecordingIndex): Uint8Array {
  const out = new ByteWriter(1024 + index.checkpoints.length * 16);
  out.uvarint(index.instruments.length);
  index.instruments.forEach((instrument, id) => writeInstrumentPayload(out, id, instrument));
  out.string(index.meta ? JSON.stringify(index.meta) : '');
  out.uvarint(index.coveredBytes);
  out.uvarint(index.recordCount);
  out.uvarint(index.eventCount);
  out.u8(index.firstTs === null ? 0 : 1);
  if (index.firstTs !== null) {
    out.svarint(index.firstTs);
    out.svarint(index.lastTs as number);
    out.svarint(index.maxTs as number);
  }
  out.svarint(index.chainTs);
  out.uvarint(index.checkpoints.length);
  // Checkpoints as differences from the one before: all grow, so the numbers stay small.
  let previous: TimeCheckpoint = {
    offset: 0,
    recordNumber: 0,
    eventNumber: 0,
    previousTs: 0,
    maxTsBefore: 0,
  };
  for (const checkpoint of index.checkpoints) {
    out.uvarint(checkpoint.offset - previous.offset);
    out.uvarint(checkpoint.recordNumber - previous.recordNumber);
    out.uvarint(checkpoint.eventNumber - previous.eventNumber);
    out.svarint(checkpoint.previousTs - previous.previousTs);
    out.svarint(checkpoint.maxTsBefore - previous.maxTsBefore);
    previous = checkpoint;
  }
  return out.bytes().slice();
}

export function decodeIndexBlock(bytes: Uint8Array, start: number, end: number): RecordingIndex {
  const input = new ByteReader(bytes, start, end);
  try {
    const instrumentCount = input.uvarint();
    const instruments: RecordedInstrument[] = [];
    for (let i = 0; i < instrumentCount; i++) {
      const { id, instrument } = readInstrumentPayload(input);
      instruments[id] = instrument;
    }
    const metaJson = input.string();
    const coveredBytes = input.uvarint();
    const recordCount = input.uvarint();
    const eventCount = input.uvarint();
    const hasEvents = input.u8() === 1;
    const firstTs = hasEvents ? input.svarint() : null;
    const lastTs = hasEvents ? input.svarint() : null;
    const maxTs = hasEvents ? input.svarint() : null;
    const chainTs = input.svarint();
    const count = input.uvarint();
    const checkpoints: TimeCheckpoint[] = [];
    let previous: TimeCheckpoint = {
      offset: 0,
      recordNumber: 0,
      eventNumber: 0,
      previousTs: 0,
      maxTsBefore: 0,
    };
    for (let i = 0; i < count; i++) {
      const checkpoint: TimeCheckpoint = {
        offset: previous.offset + input.uvarint(),
        recordNumber: previous.recordNumber + input.uvarint(),
        eventNumber: previous.eventNumber + input.uvarint(),
        previousTs: previous.previousTs + input.svarint(),
        maxTsBefore: previous.maxTsBefore + input.svarint(),
      };
      checkpoints.push(checkpoint);
      previous = checkpoint;
    }
    return {
      instruments,
      meta: metaJson === '' ? undefined : (JSON.parse(metaJson) as RecordingMeta),
      checkpoints,
      coveredBytes,
      recordCount,
      eventCount,
      firstTs,
      lastTs,
      maxTs,
      chainTs,
    };
  } catch (error) {
    throw new RecordDecodeError(`index block: ${(error as Error).message}`);
  }
}

/** The last checkpoint from which every event at or after `tsUs` is still ahead (binary search). */
export function checkpointForTime(
  checkpoints: readonly TimeCheckpoint[],
  tsUs: number,
): TimeCheckpoint | undefined {
  let low = 0;
  let high = checkpoints.length - 1;
  let found: TimeCheckpoint | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (checkpoints[middle].maxTsBefore < tsUs) {
      found = checkpoints[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
