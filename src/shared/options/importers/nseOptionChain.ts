import { z } from 'zod';
import type { ChainQuote, ChainRow, ChainSnapshot } from '../chain/snapshot';
import type { TimestampUs } from '../../domain/time';
import type { ChainImport, ChainImportOptions } from './chainImport';
import { ChainImportError } from './chainImport';
import { expiryInstantUs, nseDate, parseNseTimestamp, toIsoDate } from './dates';

/**
 * Importer for the JSON of NSE's option-chain API (nseindia.com/api/option-chain-indices?symbol=NIFTY),
 * as in tests/fixtures/nse-nifty-chain/option_chain.json:
 *
 *   records.expiryDates   ["31-Mar-2022", ...]
 *   records.timestamp     "28-Mar-2022 10:47:19" (IST)
 *   records.underlyingValue
 *   records.data[]        { strikePrice, expiryDate, CE?: side, PE?: side } for every expiry
 *   filtered.data[]       the same for the nearest expiry only (not needed: records.data has it)
 *   side                  openInterest and totalTradedVolume in contracts, changeinOpenInterest,
 *                         impliedVolatility in percent (0 = none), lastPrice, change, bidprice,
 *                         askPrice, bidQty, askQty (quantities in units)
 *
 * Pure: a string in, a snapshot out, or a ChainImportError naming the field that is wrong.
 */

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

const sideSchema = z.object({
  underlying: z.string().optional(),
  openInterest: finite,
  changeinOpenInterest: finite,
  totalTradedVolume: finite,
  impliedVolatility: finite,
  lastPrice: finite,
  // Not every NSE payload carries quotes and change: absent means "not reported".
  change: finite.optional(),
  bidprice: finite.optional(),
  askPrice: finite.optional(),
  bidQty: finite.optional(),
  askQty: finite.optional(),
});

const rowSchema = z.object({
  strikePrice: finite.refine((value) => value > 0, 'expected a positive strike'),
  expiryDate: z.string(),
  CE: sideSchema.optional(),
  PE: sideSchema.optional(),
});

const fileSchema = z.object({
  records: z.object({
    expiryDates: z.array(z.string()).optional(),
    timestamp: z.string(),
    underlyingValue: finite.refine((value) => value > 0, 'expected a positive underlying value'),
    data: z.array(rowSchema),
  }),
});

type NseSide = z.infer<typeof sideSchema>;

function describePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path)
    text += typeof key === 'number' ? `[${key}]` : `${text === '' ? '' : '.'}${String(key)}`;
  return text === '' ? '(root)' : text;
}

function toQuote(side: NseSide): ChainQuote {
  return {
    oi: side.openInterest,
    oiChange: side.changeinOpenInterest,
    volume: side.totalTradedVolume,
    // NSE prints IV in percent and 0 where it could not compute one (no trade, deep ITM).
    iv: side.impliedVolatility > 0 ? side.impliedVolatility / 100 : null,
    ltp: side.lastPrice,
    ltpChange: side.change ?? 0,
    bid: side.bidprice ?? 0,
    ask: side.askPrice ?? 0,
    bidQty: side.bidQty ?? 0,
    askQty: side.askQty ?? 0,
  };
}

export function importNseOptionChain(text: string, options: ChainImportOptions = {}): ChainImport {
  const file = parseNseFile(text);
  const expiry = options.expiry === undefined ? file.expiries[0] : toIsoDate(options.expiry, 'expiry');
  return { snapshot: nseSnapshot(file, expiry, options.contractMultiplier), expiries: file.expiries };
}

/**
 * Every expiry of the file as its own snapshot, ascending, parsing the text once (the vol surface
 * needs them all; NSE's full chain is about 2 MB, too much to parse once per expiry).
 */
export function importNseOptionChainExpiries(
  text: string,
  options: Pick<ChainImportOptions, 'contractMultiplier'> = {},
): ChainSnapshot[] {
  const file = parseNseFile(text);
  return file.expiries.map((expiry) => nseSnapshot(file, expiry, options.contractMultiplier));
}

interface NseFile {
  readonly records: z.output<typeof fileSchema>['records'];
  readonly timestampUs: TimestampUs;
  /** ISO expiry → indexes into records.data. */
  readonly byExpiry: ReadonlyMap<string, readonly number[]>;
  readonly expiries: readonly string[];
}

function parseNseFile(text: string): NseFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ChainImportError(`NSE option chain: not valid JSON (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ChainImportError(`NSE option chain: ${describePath(issue.path)}: ${issue.message}`);
  }
  const records = parsed.data.records;
  const timestampUs = parseNseTimestamp(records.timestamp, 'NSE option chain: records.timestamp');

  const byExpiry = new Map<string, number[]>();
  records.data.forEach((row, index) => {
    const iso = toIsoDate(row.expiryDate, `NSE option chain: records.data[${index}].expiryDate`);
    const list = byExpiry.get(iso);
    if (list === undefined) byExpiry.set(iso, [index]);
    else list.push(index);
  });
  const expiries = [...byExpiry.keys()].sort();
  if (expiries.length === 0) throw new ChainImportError('NSE option chain: records.data holds no strikes');
  return { records, timestampUs, byExpiry, expiries };
}

function nseSnapshot(file: NseFile, expiry: string, multiplier: number | undefined): ChainSnapshot {
  const { records, expiries } = file;
  const indexes = file.byExpiry.get(expiry);
  if (indexes === undefined) {
    throw new ChainImportError(
      `NSE option chain: expiry ${nseDate(expiry)} is not in the file; it has ${expiries.map(nseDate).join(', ')}`,
    );
  }

  let underlying: string | undefined;
  const rows: ChainRow[] = [];
  for (const index of indexes) {
    const row = records.data[index];
    underlying ??= row.CE?.underlying ?? row.PE?.underlying;
    rows.push({
      strike: row.strikePrice,
      ce: row.CE === undefined ? null : toQuote(row.CE),
      pe: row.PE === undefined ? null : toQuote(row.PE),
    });
  }
  rows.sort((a, b) => a.strike - b.strike);
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].strike === rows[i - 1].strike) {
      throw new ChainImportError(
        `NSE option chain: strike ${rows[i].strike} appears twice for expiry ${nseDate(expiry)}`,
      );
    }
  }

  const contractMultiplier = multiplier ?? 1;
  if (!(contractMultiplier > 0))
    throw new ChainImportError(`contractMultiplier must be positive, got ${contractMultiplier}`);
  return {
    underlying: underlying ?? 'UNKNOWN',
    spot: records.underlyingValue,
    expiry,
    expiryUs: expiryInstantUs(expiry),
    timestampUs: file.timestampUs,
    contractMultiplier,
    rows,
  };
}
