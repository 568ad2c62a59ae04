import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChainImportError } from '../../../src/shared/options/importers/chainImport';
import { importNseOptionChain } from '../../../src/shared/options/importers/nseOptionChain';

const FIXTURE = path.join(__dirname, '../../fixtures/nse-nifty-chain/option_chain.json');
const fixtureText = readFileSync(FIXTURE, 'utf8');

interface RawSide {
  openInterest: number;
}
interface RawRow {
  strikePrice: number;
  expiryDate: string;
  CE?: RawSide;
  PE?: RawSide;
}
const raw = JSON.parse(fixtureText) as { records: { data: RawRow[]; expiryDates: string[] } };

/** A minimal NSE payload: one strike, one expiry; `patch` edits it to make one thing wrong. */
interface NseFileDraft {
  records: {
    expiryDates: string[];
    timestamp: string;
    underlyingValue: number;
    data: Record<string, unknown>[];
  };
}

function makeNseJson(patch: (file: NseFileDraft) => void = () => {}): string {
  const side = {
    underlying: 'NIFTY',
    openInterest: 10,
    changeinOpenInterest: 2,
    totalTradedVolume: 30,
    impliedVolatility: 15.5,
    lastPrice: 100,
    change: -1.5,
    bidprice: 99.5,
    askPrice: 100.5,
    bidQty: 50,
    askQty: 75,
  };
  const file: NseFileDraft = {
    records: {
      expiryDates: ['07-Apr-2022'],
      timestamp: '28-Mar-2022 10:47:19',
      underlyingValue: 17022.5,
      data: [
        {
          strikePrice: 17000,
          expiryDate: '07-Apr-2022',
          CE: { ...side },
          PE: { ...side, impliedVolatility: 0 },
        },
      ],
    },
  };
  patch(file);
  return JSON.stringify(file);
}

describe('NSE option-chain importer on the real 28-Mar-2022 NIFTY file', () => {
  const { snapshot, expiries } = importNseOptionChain(fixtureText);

  it('picks the nearest expiry by default and lists all 21, ascending, in ISO form', () => {
    expect(snapshot.expiry).toBe('2022-03-31');
    expect(expiries).toHaveLength(21);
    expect(expiries[0]).toBe('2022-03-31');
    expect(expiries[20]).toBe('2026-12-31');
    expect([...expiries].sort()).toEqual(expiries);
  });

  it('reads the snapshot time as IST and puts the expiry at 15:30 IST', () => {
    expect(snapshot.timestampUs).toBe(Date.UTC(2022, 2, 28, 5, 17, 19) * 1000); // 10:47:19 IST = 05:17:19 UTC
    expect(snapshot.expiryUs).toBe(Date.UTC(2022, 2, 31, 10, 0, 0) * 1000); // 15:30 IST = 10:00 UTC
  });

  it('keeps every strike of the expiry, sorted, with NSE fields mapped (IV percent → fraction)', () => {
    const rawRows = raw.records.data.filter((row) => row.expiryDate === '31-Mar-2022');
    expect(snapshot.rows).toHaveLength(rawRows.length);
    expect(snapshot.rows.map((row) => row.strike)).toEqual(
      rawRows.map((row) => row.strikePrice).sort((a, b) => a - b),
    );
    expect(snapshot.spot).toBe(17022.5);
    expect(snapshot.underlying).toBe('NIFTY');
    const atm = snapshot.rows.find((row) => row.strike === 17000);
    expect(atm?.ce).toEqual({
      oi: 56042.5,
      oiChange: 24204,
      volume: 158888,
      iv: 0.2685,
      ltp: 181.5,
      ltpChange: -108.60000000000002,
      bid: 181.4,
      ask: 181.65,
      bidQty: 50,
      askQty: 100,
    });
  });

  it('maps a side NSE leaves out to null and an IV of 0 to null', () => {
    const rawRows = raw.records.data.filter((row) => row.expiryDate === '31-Mar-2022');
    const callless = rawRows.filter((row) => row.CE === undefined).length;
    expect(snapshot.rows.filter((row) => row.ce === null)).toHaveLength(callless);
    const pe = importNseOptionChain(makeNseJson()).snapshot.rows[0].pe;
    expect(pe?.iv).toBeNull();
  });

  it('selects another expiry given as DD-Mon-YYYY or ISO', () => {
    const byNse = importNseOptionChain(fixtureText, { expiry: '07-Apr-2022' }).snapshot;
    const byIso = importNseOptionChain(fixtureText, { expiry: '2022-04-07' }).snapshot;
    expect(byNse).toEqual(byIso);
    expect(byNse.rows).toHaveLength(
      raw.records.data.filter((row) => row.expiryDate === '07-Apr-2022').length,
    );
  });

  it('carries the contract multiplier for GEX in currency', () => {
    expect(importNseOptionChain(fixtureText, { contractMultiplier: 50 }).snapshot.contractMultiplier).toBe(
      50,
    );
  });
});

describe('NSE option-chain importer errors name what is wrong', () => {
  const fails =
    (text: string, options = {}) =>
    () =>
      importNseOptionChain(text, options);

  it('not JSON', () => {
    expect(fails('{"records": ')).toThrow(ChainImportError);
    expect(fails('{"records": ')).toThrow(/not valid JSON/);
  });

  it('no records object', () => {
    expect(fails('{"filtered": {}}')).toThrow(/NSE option chain: records: /);
  });

  it('a field of the wrong type, with its path', () => {
    const text = makeNseJson((file) => {
      (file.records.data[0].CE as Record<string, unknown>).openInterest = '10';
    });
    expect(fails(text)).toThrow(/records\.data\[0\]\.CE\.openInterest/);
  });

  it('a timestamp that is not DD-Mon-YYYY HH:MM:SS', () => {
    const text = makeNseJson((file) => {
      file.records.timestamp = '2022-03-28T10:47:19';
    });
    expect(fails(text)).toThrow(/records\.timestamp: "2022-03-28T10:47:19" is not an NSE timestamp/);
  });

  it('an expiry that is not in the file, listing those that are', () => {
    expect(fails(makeNseJson(), { expiry: '31-Mar-2022' })).toThrow(
      /expiry 31-Mar-2022 is not in the file; it has 07-Apr-2022/,
    );
  });

  it('an expiry flag that is not a date', () => {
    expect(fails(makeNseJson(), { expiry: '31/03/2022' })).toThrow(/expiry: "31\/03\/2022" is not a date/);
    expect(fails(makeNseJson(), { expiry: '31-Feb-2022' })).toThrow(/is not a date/);
  });

  it('no strikes at all', () => {
    const text = makeNseJson((file) => {
      file.records.data = [];
    });
    expect(fails(text)).toThrow(/holds no strikes/);
  });

  it('the same strike twice in one expiry', () => {
    const text = makeNseJson((file) => {
      file.records.data.push(file.records.data[0]);
    });
    expect(fails(text)).toThrow(/strike 17000 appears twice/);
  });
});
