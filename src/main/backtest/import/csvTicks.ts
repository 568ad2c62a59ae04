import type { Symbol } from '../../../shared/domain/ids';
import type { Side } from '../../../shared/domain/marketEvents';
import { asPrice } from '../../../shared/domain/price';
import type { TimestampUs } from '../../../shared/domain/time';
import { decimalsOf, decimalToUnits } from '../../../shared/recording/decimal';
import type { RecordedEvent, RecordedInstrument, RecordingMeta } from '../../../shared/recording/events';
import { parseTimestampUs } from '../../../shared/recording/timestamps';
import { ProblemLog, type EventSource, type SourceReport } from '../sources/eventSource';
import { splitCsvLine } from '../../../shared/codecs/csv';
import { LineReader } from './lineReader';

/**
 * CSV tick import (docs/backtesting.md, "CSV ticks"). A header row names the columns, in any order,
 * case-insensitive, with the aliases below.
 */
const COLUMN_ALIASES: Record<CsvColumn, readonly string[]> = {
  timestamp: ['timestamp', 'time', 'ts', 'datetime', 'date_time'],
  symbol: ['symbol', 'instrument', 'ticker'],
  price: ['price', 'last', 'ltp', 'trade_price'],
  size: ['size', 'qty', 'quantity', 'volume', 'trade_size'],
  side: ['side', 'aggressor'],
  bid: ['bid', 'bid_price', 'bidprice'],
  ask: ['ask', 'ask_price', 'askprice'],
  bidSize: ['bid_size', 'bidsize', 'bid_qty', 'bidqty'],
  askSize: ['ask_size', 'asksize', 'ask_qty', 'askqty'],
};
type CsvColumn = 'timestamp' | 'symbol' | 'price' | 'size' | 'side' | 'bid' | 'ask' | 'bidSize' | 'askSize';

export interface CsvTickOptions {
  /** IANA zone for timestamps without an offset (`2026-11-24 09:15:00.250`). */
  readonly timeZone?: string;
  /** Decimals of the price unit; inferred per symbol from the first rows when absent. */
  readonly priceDecimals?: number;
  /** Symbol for a file without a symbol column. */
  readonly symbol?: string;
  /** Rows read ahead to infer price decimals. */
  readonly inferRows?: number;
}

export class CsvImportError extends Error {
  override name = 'CsvImportError';
}

interface PendingLine {
  readonly line: number;
  readonly text: string;
}

interface LastQuote {
  bid: number;
  bidSize: number;
  ask: number;
  askSize: number;
}

const SIDES: Record<string, Side | 'unknown'> = {
  buy: 'buy',
  b: 'buy',
  sell: 'sell',
  s: 'sell',
  unknown: 'unknown',
  '': 'unknown',
};
/** Prices are kept with at least paise/cents precision, so a file that happens to start on whole numbers still reads later 0.05s. */
const MIN_INFERRED_DECIMALS = 2;

/**
 * Streams a CSV tick file as trades, quotes and index ticks.
 * - A row with a price and a positive size is a trade. Its aggressor comes from the side column, or
 *   else from the row's quote by the quote rule (at or above the ask: buyer; at or below the bid:
 *   seller; inside: unknown) — Lee & Ready (1991).
 * - A row with a price and no or zero size is an index tick (index feeds carry a value, no size).
 * - bid and ask (with optional sizes) make a quote, emitted before the row's trade when it changed:
 *   a tick file's quote columns hold the quote prevailing when the trade printed.
 * A bad row is skipped and reported with its line; the import goes on.
 */
export class CsvTickSource implements EventSource {
  readonly format = 'csv' as const;
  private readonly lines: LineReader;
  private readonly columns: Partial<Record<CsvColumn, number>> = {};
  private readonly problems: ProblemLog;
  private readonly ahead: PendingLine[] = [];
  private readonly queue: RecordedEvent[] = [];
  private readonly known = new Map<string, RecordedInstrument>();
  private readonly decimalsBySymbol = new Map<string, number>();
  private readonly lastQuotes = new Map<string, LastQuote>();
  private rows = 0;
  private events = 0;
  private ended = false;
  private scanned = false;

  constructor(
    readonly file: string,
    private readonly options: CsvTickOptions = {},
  ) {
    this.problems = new ProblemLog(file);
    this.lines = new LineReader(file);
    const header = this.lines.next();
    if (header === null) throw new CsvImportError(`${file}: the file is empty (a header row is required)`);
    this.readHeader(header);
    this.readAhead(options.inferRows ?? 1000);
  }

  next(): RecordedEvent | null {
    while (this.queue.length === 0) {
      const pending = this.ahead.shift() ?? this.readLine();
      if (pending === null) {
        this.ended = true;
        return null;
      }
      this.parseRow(pending);
    }
    this.events++;
    return this.queue.shift() as RecordedEvent;
  }

  instrument(symbol: Symbol): RecordedInstrument | undefined {
    return this.known.get(symbol);
  }

  /** Reads the symbol column of the whole file once (a second pass) to list every instrument up front. */
  instruments(): readonly RecordedInstrument[] {
    if (!this.scanned) {
      this.scanned = true;
      const lines = new LineReader(this.file);
      try {
        lines.next();
        for (let text = lines.next(); text !== null; text = lines.next()) {
          if (text.trim() === '') continue;
          const fields = fieldsOrNull(text);
          const symbol = fields === null ? '' : this.symbolOf(fields);
          if (symbol !== '') this.instrumentFor(symbol);
        }
      } finally {
        lines.close();
      }
    }
    return [...this.known.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
  }

  meta(): RecordingMeta | undefined {
    return { source: `import:csv:${this.file}`, timeZone: this.options.timeZone };
  }

  reports(): SourceReport[] {
    return [this.problems.report(this.format, { events: this.events, rows: this.rows })];
  }

  progress(): { done: number; total: number } {
    return { done: this.lines.bytesRead, total: this.lines.size };
  }

  close(): void {
    this.lines.close();
  }

  get finished(): boolean {
    return this.ended;
  }

  private readHeader(header: string): void {
    const names = splitCsvLine(header).map((name) =>
      name
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_'),
    );
    for (const [column, aliases] of Object.entries(COLUMN_ALIASES) as [CsvColumn, readonly string[]][]) {
      const index = names.findIndex((name) => aliases.includes(name));
      if (index !== -1) this.columns[column] = index;
    }
    const missing: string[] = [];
    if (this.columns.timestamp === undefined) missing.push('timestamp');
    if (this.columns.symbol === undefined && this.options.symbol === undefined)
      missing.push('symbol (or pass --symbol)');
    if (
      this.columns.price === undefined &&
      (this.columns.bid === undefined || this.columns.ask === undefined)
    )
      missing.push('price (or bid and ask)');
    if (missing.length > 0) {
      throw new CsvImportError(
        `${this.file}: line 1: the header has no ${missing.join(', ')} column; found: ${names.join(', ')}`,
      );
    }
  }

  private readLine(): PendingLine | null {
    for (;;) {
      const text = this.lines.next();
      if (text === null) return null;
      if (text.trim() === '') continue;
      this.rows++;
      return { line: this.lines.lineNumber, text };
    }
  }

  /** Reads the first rows ahead and takes each symbol's price decimals as the most any of them shows. */
  private readAhead(count: number): void {
    for (let i = 0; i < count; i++) {
      const pending = this.readLine();
      if (pending === null) break;
      this.ahead.push(pending);
      if (this.options.priceDecimals !== undefined) continue;
      const fields = fieldsOrNull(pending.text);
      if (fields === null) continue;
      const symbol = this.symbolOf(fields);
      if (symbol === '') continue;
      let decimals = this.decimalsBySymbol.get(symbol) ?? MIN_INFERRED_DECIMALS;
      for (const column of ['price', 'bid', 'ask'] as const) {
        const index = this.columns[column];
        if (index !== undefined && fields[index] !== undefined && fields[index].trim() !== '')
          decimals = Math.max(decimals, decimalsOf(fields[index].trim()));
      }
      this.decimalsBySymbol.set(symbol, Math.min(decimals, 8));
    }
  }

  private symbolOf(fields: readonly string[]): string {
    const index = this.columns.symbol;
    const value = index === undefined ? '' : (fields[index] ?? '').trim();
    return value === '' ? (this.options.symbol ?? '') : value;
  }

  private field(fields: readonly string[], column: CsvColumn): string {
    const index = this.columns[column];
    return index === undefined ? '' : (fields[index] ?? '').trim();
  }

  private instrumentFor(symbol: string): RecordedInstrument {
    let instrument = this.known.get(symbol);
    if (instrument === undefined) {
      const priceDecimals =
        this.options.priceDecimals ?? this.decimalsBySymbol.get(symbol) ?? MIN_INFERRED_DECIMALS;
      instrument = { symbol: symbol as Symbol, priceDecimals, tickUnits: 1 };
      this.known.set(symbol, instrument);
    }
    return instrument;
  }

  private parseRow({ line, text }: PendingLine): void {
    try {
      const fields = splitCsvLine(text);
      const symbol = this.symbolOf(fields);
      if (symbol === '') throw new Error('no symbol');
      const tsEvent = parseTimestampUs(this.field(fields, 'timestamp'), this.options.timeZone) as TimestampUs;
      const decimals = this.instrumentFor(symbol).priceDecimals;
      const units = (column: CsvColumn): number | null => {
        const value = this.field(fields, column);
        if (value === '') return null;
        try {
          return decimalToUnits(value, decimals);
        } catch (error) {
          throw new Error(
            `${column}: ${(error as Error).message}${(error as Error).message.includes('decimals') ? ' (pass --price-decimals)' : ''}`,
          );
        }
      };
      const quantity = (column: CsvColumn): number | null => {
        const value = this.field(fields, column);
        if (value === '') return null;
        const parsed = Number(value);
        if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${column} "${value}" is not a size`);
        return parsed;
      };
      const price = units('price');
      const size = quantity('size');
      const bid = units('bid');
      const ask = units('ask');
      const events: RecordedEvent[] = [];
      let quote: LastQuote | undefined = this.lastQuotes.get(symbol);
      if (bid !== null && ask !== null) {
        if (ask < bid)
          throw new Error(`ask ${this.field(fields, 'ask')} is below bid ${this.field(fields, 'bid')}`);
        const next: LastQuote = {
          bid,
          bidSize: quantity('bidSize') ?? 0,
          ask,
          askSize: quantity('askSize') ?? 0,
        };
        if (
          quote === undefined ||
          quote.bid !== next.bid ||
          quote.ask !== next.ask ||
          quote.bidSize !== next.bidSize ||
          quote.askSize !== next.askSize
        ) {
          events.push({
            type: 'quote',
            symbol: symbol as Symbol,
            tsEvent,
            bidPrice: asPrice(bid),
            bidSize: next.bidSize,
            askPrice: asPrice(ask),
            askSize: next.askSize,
          });
          this.lastQuotes.set(symbol, next);
        }
        quote = next;
      } else if (bid !== null || ask !== null) throw new Error('a quote needs both bid and ask');
      if (price !== null) {
        if (size !== null && size > 0) {
          const sideText = this.field(fields, 'side').toLowerCase();
          let aggressor = this.columns.side !== undefined ? SIDES[sideText] : undefined;
          if (this.columns.side !== undefined && aggressor === undefined)
            throw new Error(`side "${sideText}" is not buy, sell or empty`);
          if (aggressor === undefined || (aggressor === 'unknown' && sideText === '')) {
            aggressor =
              quote === undefined
                ? 'unknown'
                : price >= quote.ask
                  ? 'buy'
                  : price <= quote.bid
                    ? 'sell'
                    : 'unknown';
          }
          events.push({
            type: 'trade',
            symbol: symbol as Symbol,
            tsEvent,
            price: asPrice(price),
            size,
            aggressor,
          });
        } else events.push({ type: 'index', symbol: symbol as Symbol, tsEvent, value: asPrice(price) });
      }
      if (events.length === 0) throw new Error('neither a price nor a bid and ask');
      this.queue.push(...events);
    } catch (error) {
      this.problems.add(line, (error as Error).message);
    }
  }
}

/** A row's fields for a look-ahead scan; a malformed row is skipped there and reported when it is read. */
function fieldsOrNull(text: string): string[] | null {
  try {
    return splitCsvLine(text);
  } catch {
    return null;
  }
}
