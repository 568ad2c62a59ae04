import fs from 'node:fs';
import path from 'node:path';
import type { Symbol } from '../../../shared/domain/ids';
import { asPrice } from '../../../shared/domain/price';
import type { TimestampUs } from '../../../shared/domain/time';
import type { RecordedEvent, RecordedInstrument, RecordingMeta } from '../../../shared/recording/events';
import { decimalSecondsToUs } from '../../../shared/recording/timestamps';
import { daysFromCivil } from '../../../shared/domain/instruments/civilDate';
import { localTimeToUtcUs } from '../../../shared/domain/instruments/timeZones';
import { ProblemLog, type EventSource, type SourceReport } from '../sources/eventSource';
import { splitCsvLine } from '../../../shared/codecs/csv';
import { LineReader } from './lineReader';

/**
 * LOBSTER message + orderbook files (lobsterdata.com; the format is in the ReadMe shipped with the
 * sample files, copied in tests/fixtures/lobster-amzn/). File names carry the ticker, the day and the
 * number of levels: `AMZN_2012-06-21_34200000_57600000_message_1.csv`.
 */
const FILE_NAME = /^(.+?)_(\d{4})-(\d{2})-(\d{2})_(\d+)_(\d+)_(message|orderbook)_(\d+)\.csv$/;

/** Prices are dollars × 10^4. */
const LOBSTER_PRICE_DECIMALS = 4;
/** US equities above $1 trade in whole cents (SEC Rule 612): 100 units of 10^-4. */
const LOBSTER_TICK_UNITS = 100;
/** Placeholder prices LOBSTER writes for an empty side of the book. */
const EMPTY_ASK = 9_999_999_999;
const EMPTY_BID = -9_999_999_999;

const MESSAGE_TYPE_VISIBLE_EXECUTION = 4;
const MESSAGE_TYPE_HIDDEN_EXECUTION = 5;
const MESSAGE_TYPE_HALT = 7;

export interface LobsterFiles {
  readonly messageFile: string;
  readonly orderbookFile: string;
  readonly ticker: string;
  /** YYYY-MM-DD */
  readonly day: string;
  readonly levels: number;
}

export class LobsterImportError extends Error {
  override name = 'LobsterImportError';
}

export function isLobsterFileName(file: string): boolean {
  return FILE_NAME.test(path.basename(file));
}

/** Finds the pair of files from either one of them. */
export function lobsterFilesFor(file: string): LobsterFiles {
  const match = FILE_NAME.exec(path.basename(file));
  if (match === null) {
    throw new LobsterImportError(
      `${file}: not a LOBSTER file name (expected TICKER_YYYY-MM-DD_START_END_message_LEVELS.csv)`,
    );
  }
  const [, ticker, year, month, day, , , kind, levels] = match;
  const sibling = (target: 'message' | 'orderbook'): string =>
    path.join(
      path.dirname(file),
      path.basename(file).replace(`_${kind}_${levels}.csv`, `_${target}_${levels}.csv`),
    );
  const files: LobsterFiles = {
    messageFile: kind === 'message' ? file : sibling('message'),
    orderbookFile: kind === 'orderbook' ? file : sibling('orderbook'),
    ticker,
    day: `${year}-${month}-${day}`,
    levels: Number(levels),
  };
  for (const required of [files.messageFile, files.orderbookFile]) {
    if (!fs.existsSync(required))
      throw new LobsterImportError(
        `${required}: missing (LOBSTER needs the message file and its orderbook file side by side)`,
      );
  }
  return files;
}

export interface LobsterOptions {
  /** The exchange's zone: NASDAQ, so New York. */
  readonly timeZone?: string;
  /** Symbol to use instead of the ticker in the file name. */
  readonly symbol?: string;
}

/**
 * Streams a LOBSTER day as trades and L1 quotes.
 * - Executions (type 4 visible, 5 hidden) are trades at the message's price and size. The direction is
 *   that of the resting limit order, so an execution of a sell limit order (-1) is a buyer-initiated
 *   trade and of a buy limit order (1) a seller-initiated one (LOBSTER ReadMe).
 * - The orderbook row after each message is the book after it; its level 1 becomes a quote event when
 *   it differs from the previous one (submissions and cancels behind the best price change nothing
 *   the L1 tape shows), placed after the message's trade.
 * - Halts (type 7) produce no event; a side LOBSTER marks empty (±9999999999) produces no quote.
 * Timestamps are seconds after midnight in the exchange's time zone on the file's day.
 */
export class LobsterSource implements EventSource {
  readonly format = 'lobster' as const;
  readonly file: string;
  private readonly messages: LineReader;
  private readonly orderbook: LineReader;
  private readonly problems: ProblemLog;
  private readonly symbol: Symbol;
  private readonly known: RecordedInstrument;
  private readonly midnightUs: number;
  private readonly queue: RecordedEvent[] = [];
  private lastBid = NaN;
  private lastBidSize = NaN;
  private lastAsk = NaN;
  private lastAskSize = NaN;
  private rows = 0;
  private events = 0;
  private halts = 0;
  private oneSidedBooks = 0;
  private lastTs = -Infinity;
  private ended = false;

  constructor(
    readonly files: LobsterFiles,
    options: LobsterOptions = {},
  ) {
    this.file = files.messageFile;
    this.problems = new ProblemLog(files.messageFile);
    this.messages = new LineReader(files.messageFile);
    this.orderbook = new LineReader(files.orderbookFile);
    this.symbol = (options.symbol ?? files.ticker) as Symbol;
    this.known = {
      symbol: this.symbol,
      priceDecimals: LOBSTER_PRICE_DECIMALS,
      tickUnits: LOBSTER_TICK_UNITS,
    };
    const [year, month, day] = files.day.split('-').map(Number);
    this.midnightUs = localTimeToUtcUs(
      options.timeZone ?? 'America/New_York',
      daysFromCivil(year, month, day),
      0,
    );
  }

  next(): RecordedEvent | null {
    while (this.queue.length === 0) {
      if (this.ended) return null;
      this.readRow();
    }
    this.events++;
    return this.queue.shift() as RecordedEvent;
  }

  instrument(symbol: Symbol): RecordedInstrument | undefined {
    return symbol === this.symbol ? this.known : undefined;
  }

  instruments(): readonly RecordedInstrument[] {
    return [this.known];
  }

  meta(): RecordingMeta | undefined {
    return {
      day: this.files.day,
      timeZone: 'America/New_York',
      source: `import:lobster:${path.basename(this.files.messageFile)}`,
      halts: this.halts,
      oneSidedBooks: this.oneSidedBooks,
    };
  }

  reports(): SourceReport[] {
    return [this.problems.report(this.format, { events: this.events, rows: this.rows })];
  }

  progress(): { done: number; total: number } {
    return {
      done: this.messages.bytesRead + this.orderbook.bytesRead,
      total: this.messages.size + this.orderbook.size,
    };
  }

  close(): void {
    this.messages.close();
    this.orderbook.close();
  }

  private readRow(): void {
    let message = this.messages.next();
    let book = this.orderbook.next();
    // The sample copies carry a header row; LOBSTER's own output does not. Skip one when present.
    if (this.messages.lineNumber === 1 && message !== null && !/^\s*[\d.]/.test(message))
      message = this.messages.next();
    if (this.orderbook.lineNumber === 1 && book !== null && !/^\s*-?[\d.]/.test(book))
      book = this.orderbook.next();
    if (message === null || book === null) {
      if (message !== book) {
        const longer = message === null ? this.files.orderbookFile : this.files.messageFile;
        const line = message === null ? this.orderbook.lineNumber : this.messages.lineNumber;
        this.problems.add(line, `${path.basename(longer)} has more rows than its pair; the rest is ignored`);
      }
      this.ended = true;
      return;
    }
    this.rows++;
    const line = this.messages.lineNumber;
    try {
      this.parseRow(splitCsvLine(message), splitCsvLine(book));
    } catch (error) {
      this.problems.add(line, (error as Error).message);
    }
  }

  private parseRow(message: string[], book: string[]): void {
    if (message.length < 6) throw new Error(`message row has ${message.length} fields, expected 6`);
    if (book.length < 4)
      throw new Error(
        `orderbook row ${this.orderbook.lineNumber} has ${book.length} fields, expected at least 4`,
      );
    const integer = (text: string, name: string): number => {
      const value = Number(text);
      if (text.trim() === '' || !Number.isSafeInteger(value))
        throw new Error(`${name} "${text}" is not an integer`);
      return value;
    };
    const tsEvent = (this.midnightUs + decimalSecondsToUs(message[0])) as TimestampUs;
    const type = integer(message[1], 'type');
    const size = integer(message[3], 'size');
    const price = integer(message[4], 'price');
    const direction = integer(message[5], 'direction');
    const ask = integer(book[0], 'ask price');
    const askSize = integer(book[1], 'ask size');
    const bid = integer(book[2], 'bid price');
    const bidSize = integer(book[3], 'bid size');
    if (type < 1 || type > 7 || type === 6) throw new Error(`unknown message type ${type}`);
    if (tsEvent < this.lastTs) throw new Error(`time ${message[0]} is before the previous row's`);
    this.lastTs = tsEvent;
    if (type === MESSAGE_TYPE_HALT) {
      this.halts++;
      return;
    }
    if (type === MESSAGE_TYPE_VISIBLE_EXECUTION || type === MESSAGE_TYPE_HIDDEN_EXECUTION) {
      if (size <= 0 || price <= 0) throw new Error(`execution with size ${size} and price ${price}`);
      if (direction !== 1 && direction !== -1) throw new Error(`direction ${direction} is neither 1 nor -1`);
      this.queue.push({
        type: 'trade',
        symbol: this.symbol,
        tsEvent,
        price: asPrice(price),
        size,
        aggressor: direction === -1 ? 'buy' : 'sell',
      });
    }
    if (ask >= EMPTY_ASK || bid <= EMPTY_BID) {
      this.oneSidedBooks++;
      return;
    }
    if (
      bid !== this.lastBid ||
      ask !== this.lastAsk ||
      bidSize !== this.lastBidSize ||
      askSize !== this.lastAskSize
    ) {
      this.lastBid = bid;
      this.lastAsk = ask;
      this.lastBidSize = bidSize;
      this.lastAskSize = askSize;
      this.queue.push({
        type: 'quote',
        symbol: this.symbol,
        tsEvent,
        bidPrice: asPrice(bid),
        bidSize,
        askPrice: asPrice(ask),
        askSize,
      });
    }
  }
}
