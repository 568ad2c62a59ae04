import { describe, expect, it } from 'vitest';
import { ChainImportError } from '../../../src/shared/options/importers/chainImport';
import { importCsvChain } from '../../../src/shared/options/importers/csvChain';

const HEADER =
  'underlying,expiry,timestamp,spot,strike,right,oi,oi_change,volume,iv,ltp,ltp_change,bid,ask,bid_qty,ask_qty';
const TIMESTAMP = '2022-03-28T10:47:19+05:30';

function makeCsvLine(fields: Partial<Record<string, string | number>> = {}): string {
  const values: Record<string, string | number> = {
    underlying: 'NIFTY',
    expiry: '2022-03-31',
    timestamp: TIMESTAMP,
    spot: 17022.5,
    strike: 17000,
    right: 'CE',
    oi: 100,
    oi_change: 10,
    volume: 500,
    iv: 26.85,
    ltp: 181.5,
    ltp_change: -2,
    bid: 181.4,
    ask: 181.65,
    bid_qty: 50,
    ask_qty: 100,
    ...fields,
  };
  return HEADER.split(',')
    .map((name) => String(values[name]))
    .join(',');
}

function makeCsv(...lines: string[]): string {
  return [HEADER, ...lines].join('\n');
}

describe('generic CSV chain importer', () => {
  it('builds one row per strike from one line per contract, IV percent → fraction', () => {
    const text = makeCsv(
      makeCsvLine({ strike: 17100, right: 'call', iv: '' }),
      makeCsvLine({ strike: 17000, right: 'PE', oi: 250, iv: 25.69 }),
      makeCsvLine(),
    );
    const { snapshot, expiries } = importCsvChain(text);
    expect(expiries).toEqual(['2022-03-31']);
    expect(snapshot.rows.map((row) => row.strike)).toEqual([17000, 17100]);
    expect(snapshot.rows[0].ce?.iv).toBeCloseTo(0.2685, 15);
    expect(snapshot.rows[0].pe?.oi).toBe(250);
    expect(snapshot.rows[1].pe).toBeNull();
    expect(snapshot.rows[1].ce?.iv).toBeNull();
    expect(snapshot.spot).toBe(17022.5);
    expect(snapshot.timestampUs).toBe(Date.UTC(2022, 2, 28, 5, 17, 19) * 1000);
    expect(snapshot.expiryUs).toBe(Date.UTC(2022, 2, 31, 10, 0) * 1000); // default close 15:30 IST
  });

  it('needs only the required columns; absent optional columns are 0', () => {
    const text =
      'Underlying,Expiry,Timestamp,Spot,Strike,Right\nSPY,2026-11-20,2026-11-20T14:30:00Z,600,600,C\n';
    const { snapshot } = importCsvChain(text, {
      expiryClose: { hour: 16, minute: 0, utcOffsetMinutes: -300 },
      contractMultiplier: 100,
    });
    expect(snapshot.rows[0].ce).toEqual({
      oi: 0,
      oiChange: 0,
      volume: 0,
      iv: null,
      ltp: 0,
      ltpChange: 0,
      bid: 0,
      ask: 0,
      bidQty: 0,
      askQty: 0,
    });
    expect(snapshot.expiryUs).toBe(Date.UTC(2026, 10, 20, 21, 0) * 1000); // 16:00 ET (EST) = 21:00 UTC
    expect(snapshot.contractMultiplier).toBe(100);
  });

  it('honours an expiry_time column over the default close', () => {
    const text = `underlying,expiry,expiry_time,timestamp,spot,strike,right\nSPY,2026-07-17,2026-07-17T16:00:00-04:00,2026-07-17T13:30:00Z,600,600,P`;
    expect(importCsvChain(text).snapshot.expiryUs).toBe(Date.UTC(2026, 6, 17, 20, 0) * 1000);
  });

  it('picks the nearest expiry by default and another on request', () => {
    const text = makeCsv(
      makeCsvLine({ expiry: '2022-04-07' }),
      makeCsvLine(),
      makeCsvLine({ strike: 17100 }),
    );
    expect(importCsvChain(text).snapshot.rows).toHaveLength(2);
    const later = importCsvChain(text, { expiry: '07-Apr-2022' });
    expect(later.snapshot.expiry).toBe('2022-04-07');
    expect(later.expiries).toEqual(['2022-03-31', '2022-04-07']);
  });

  describe('errors name the line and the problem', () => {
    const fails =
      (text: string, options = {}) =>
      () =>
        importCsvChain(text, options);

    it('an empty file or a header without contracts', () => {
      expect(fails('')).toThrow(/the file is empty/);
      expect(fails(HEADER)).toThrow(/header but no contracts/);
    });

    it('a missing required column', () => {
      expect(fails('underlying,expiry,spot,strike,right\nNIFTY,2022-03-31,1,1,CE')).toThrow(ChainImportError);
      expect(fails('underlying,expiry,spot,strike,right\nNIFTY,2022-03-31,1,1,CE')).toThrow(
        /lacks column\(s\) timestamp/,
      );
    });

    it('a number that is not one', () => {
      expect(fails(makeCsv(makeCsvLine(), makeCsvLine({ strike: 17100, oi: 'n/a' })))).toThrow(
        /line 3: oi "n\/a" is not a number/,
      );
    });

    it('a bad right, a bad timestamp, a line of the wrong width', () => {
      expect(fails(makeCsv(makeCsvLine({ right: 'X' })))).toThrow(/line 2: right "X" is not CE\/PE/);
      expect(fails(makeCsv(makeCsvLine({ timestamp: '2022-03-28 10:47:19' })))).toThrow(
        /not an ISO 8601 instant with offset/,
      );
      expect(fails(makeCsv(`${makeCsvLine()},extra`))).toThrow(/line 2: 17 fields, the header has 16/);
    });

    it('the same contract twice, or lines that disagree on the spot', () => {
      expect(fails(makeCsv(makeCsvLine(), makeCsvLine()))).toThrow(/line 3: a second CE at strike 17000/);
      expect(fails(makeCsv(makeCsvLine(), makeCsvLine({ strike: 17100, spot: 17030 })))).toThrow(
        /line 3: spot 17030 differs from 17022.5 \(line 2\)/,
      );
    });

    it('an expiry that is not in the file', () => {
      expect(fails(makeCsv(makeCsvLine()), { expiry: '2022-04-07' })).toThrow(
        /expiry 07-Apr-2022 is not in the file; it has 31-Mar-2022/,
      );
    });
  });
});
