import type { TimestampUs } from '../../../src/shared/domain/time';
import type { ChainQuote, ChainRow, ChainSnapshot } from '../../../src/shared/options/chain/snapshot';

/** Small builders for chain tests: only the fields a test cares about are spelled out. */
export function makeQuote(patch: Partial<ChainQuote> = {}): ChainQuote {
  return {
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
    ...patch,
  };
}

export function makeRow(
  strike: number,
  ce: Partial<ChainQuote> | null,
  pe: Partial<ChainQuote> | null,
): ChainRow {
  return { strike, ce: ce === null ? null : makeQuote(ce), pe: pe === null ? null : makeQuote(pe) };
}

// 2022-03-28 10:47:19 IST and 2022-03-31 15:30 IST, as in the NSE fixture.
export const SNAPSHOT_US = 1_648_444_639_000_000 as TimestampUs;
export const EXPIRY_US = 1_648_720_800_000_000 as TimestampUs;

export function makeSnapshot(rows: readonly ChainRow[], patch: Partial<ChainSnapshot> = {}): ChainSnapshot {
  return {
    underlying: 'NIFTY',
    spot: 100,
    expiry: '2022-03-31',
    expiryUs: EXPIRY_US,
    timestampUs: SNAPSHOT_US,
    contractMultiplier: 1,
    rows,
    ...patch,
  };
}
