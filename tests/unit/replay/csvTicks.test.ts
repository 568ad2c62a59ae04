import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CsvImportError,
  CsvTickSource,
  type CsvTickOptions,
} from '../../../src/main/backtest/import/csvTicks';
import type { RecordedEvent } from '../../../src/shared/recording/events';
import { makeTempDir } from './factories';

const dir = makeTempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function csvFile(text: string): string {
  const file = path.join(dir, `ticks-${++fileCount}.csv`);
  fs.writeFileSync(file, text);
  return file;
}

function readAll(
  text: string,
  options: CsvTickOptions = {},
): { events: RecordedEvent[]; source: CsvTickSource } {
  const source = new CsvTickSource(csvFile(text), options);
  const events: RecordedEvent[] = [];
  for (let event = source.next(); event !== null; event = source.next()) events.push(event);
  source.close();
  return { events, source };
}

const T0 = Date.parse('2026-11-24T03:45:00Z') * 1000;

describe('CSV ticks', () => {
  it('reads trades with a side column', () => {
    const { events } = readAll(
      'timestamp,symbol,price,size,side\n2026-11-24T09:15:00+05:30,NIFTY-CE,123.45,65,buy\n2026-11-24T09:15:00.5+05:30,NIFTY-CE,123.40,130,S\n',
    );
    expect(events).toEqual([
      { type: 'trade', symbol: 'NIFTY-CE', tsEvent: T0, price: 12345, size: 65, aggressor: 'buy' },
      {
        type: 'trade',
        symbol: 'NIFTY-CE',
        tsEvent: T0 + 500_000,
        price: 12340,
        size: 130,
        aggressor: 'sell',
      },
    ]);
  });

  it('emits the row quote before its trade and infers the aggressor from it', () => {
    const { events } = readAll(
      'time,symbol,price,qty,bid,ask,bid_size,ask_size\n1795491900,X,100.05,10,100.00,100.05,50,60\n1795491901,X,100.00,5,100.00,100.05,50,60\n1795491902,X,100.02,5,100.00,100.05,50,60\n',
    );
    expect(events.map((event) => event.type)).toEqual(['quote', 'trade', 'trade', 'trade']);
    expect(events[0]).toMatchObject({ bidPrice: 10000, askPrice: 10005, bidSize: 50, askSize: 60 });
    expect(
      events
        .filter((event) => event.type === 'trade')
        .map((event) => event.type === 'trade' && event.aggressor),
    ).toEqual(['buy', 'sell', 'unknown']);
  });

  it('reads a row with a price and no size as an index tick', () => {
    const { events } = readAll('timestamp,symbol,price,size\n2026-11-24T09:15:00+05:30,NIFTY,24100.55,\n');
    expect(events).toEqual([{ type: 'index', symbol: 'NIFTY', tsEvent: T0, value: 2410055 }]);
  });

  it('reads naive timestamps in the --tz zone', () => {
    const { events } = readAll('timestamp,symbol,price,size\n2026-11-24 09:15:00,NIFTY-CE,1.5,65\n', {
      timeZone: 'Asia/Kolkata',
    });
    expect(events[0].tsEvent).toBe(T0);
  });

  it('infers price decimals from the first rows and keeps at least two', () => {
    const { events, source } = readAll(
      'timestamp,symbol,price,size\n1795491900,A,100,1\n1795491901,A,100.125,1\n1795491902,B,7,1\n',
    );
    expect(source.instrument('A' as never)?.priceDecimals).toBe(3);
    expect(source.instrument('B' as never)?.priceDecimals).toBe(2);
    expect(events.map((event) => event.type === 'trade' && event.price)).toEqual([100000, 100125, 700]);
  });

  it('takes the symbol from --symbol when the file has no symbol column', () => {
    const { events } = readAll('ts,price,volume\n1795491900,10.5,3\n', { symbol: 'BTC-USD' });
    expect(events[0].symbol).toBe('BTC-USD');
  });

  it('keeps fractional sizes', () => {
    const { events } = readAll('ts,symbol,price,size\n1795491900,BTC-USD,64000.5,0.0125\n');
    expect(events[0]).toMatchObject({ size: 0.0125 });
  });

  it('skips bad rows with file and line and goes on', () => {
    const { events, source } = readAll(
      'timestamp,symbol,price,size\n2026-11-24T09:15:00+05:30,X,1.00,1\nnot-a-time,X,1.00,1\n2026-11-24T09:15:01+05:30,X,abc,1\n2026-11-24T09:15:02+05:30,X,1.05,-3\n\n2026-11-24T09:15:03+05:30,X,1.10,2\n',
    );
    expect(events).toHaveLength(2);
    const [report] = source.reports();
    expect(report).toMatchObject({ rows: 5, skippedRows: 3, events: 2 });
    expect(report.firstProblems.map((problem) => [problem.line, problem.reason])).toEqual([
      [3, '"not-a-time" is not an ISO-8601 date-time or an epoch number'],
      [4, 'price: "abc" is not a decimal number'],
      [5, 'size "-3" is not a size'],
    ]);
    expect(report.firstProblems[0].file).toBe(source.file);
  });

  it('skips a row with an unterminated quote, naming its line, and reads the rest', () => {
    const { events, source } = readAll(
      'timestamp,symbol,price,size\n1795491900,"X,1.00,1\n1795491901,X,1.05,2\n',
    );
    expect(events).toEqual([expect.objectContaining({ symbol: 'X', price: 105 })]);
    const [report] = source.reports();
    expect(report.skippedRows).toBe(1);
    expect(report.firstProblems.map((problem) => [problem.line, problem.reason])).toEqual([
      [2, 'unterminated quoted field'],
    ]);
  });

  it('reports every row skipped when naive timestamps come without --tz', () => {
    const { events, source } = readAll(
      'timestamp,symbol,price,size\n2026-11-24 09:15:00,X,1,1\n2026-11-24 09:15:01,X,1,1\n',
    );
    expect(events).toHaveLength(0);
    expect(source.reports()[0].skippedRows).toBe(2);
    expect(source.reports()[0].firstProblems[0].reason).toContain('pass --tz');
  });

  it('refuses a header without the columns it needs, naming what it found', () => {
    expect(() => new CsvTickSource(csvFile('when,what\n1,2\n'))).toThrow(CsvImportError);
    expect(() => new CsvTickSource(csvFile('when,what\n1,2\n'))).toThrow(
      'line 1: the header has no timestamp, symbol (or pass --symbol), price (or bid and ask) column; found: when, what',
    );
  });

  it('handles CRLF, a BOM and quoted fields', () => {
    const { events } = readAll('\ufefftimestamp,symbol,price,size\r\n"1795491900","A,B",1.5,2\r\n');
    expect(events).toEqual([
      {
        type: 'trade',
        symbol: 'A,B',
        tsEvent: 1795491900_000_000,
        price: 150,
        size: 2,
        aggressor: 'unknown',
      },
    ]);
  });
});
