import type { TimestampUs } from '../../domain/time';
import type { ChainQuote, ChainRow, ChainSnapshot } from '../chain/snapshot';
import type { ChainImport, ChainImportOptions } from './chainImport';
import { ChainImportError } from './chainImport';
import type { SessionClose } from './dates';
import { expiryInstantUs, NSE_EXPIRY_CLOSE, nseDate, parseIsoInstant, toIsoDate } from './dates';
import { readCsv } from '../../codecs/csv';

/**
 * Generic CSV option chain, one row per contract (long format, so either side of a strike may be
 * missing and several expiries may share a file). Columns, by header name (case-insensitive, any order;
 * documented in docs/options-analytics.md):
 *
 *   required  underlying, expiry (YYYY-MM-DD or DD-Mon-YYYY), timestamp (ISO 8601 with offset),
 *             spot, strike, right (CE/PE, C/P, call/put)
 *   optional  oi, oi_change, volume, iv (percent, empty or 0 = none), ltp, ltp_change, bid, ask,
 *             bid_qty, ask_qty  (empty = 0)
 *             expiry_time (ISO 8601 instant the contract stops trading; default: `expiryClose`
 *             local time on the expiry date, 15:30 IST unless the caller says otherwise)
 */

export interface CsvChainImportOptions extends ChainImportOptions {
  readonly expiryClose?: SessionClose;
}

const REQUIRED = ['underlying', 'expiry', 'timestamp', 'spot', 'strike', 'right'] as const;
const OPTIONAL = [
  'oi',
  'oi_change',
  'volume',
  'iv',
  'ltp',
  'ltp_change',
  'bid',
  'ask',
  'bid_qty',
  'ask_qty',
  'expiry_time',
] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

interface ParsedContract {
  readonly line: number;
  readonly underlying: string;
  readonly expiry: string;
  readonly expiryUs: TimestampUs | null;
  readonly timestampUs: TimestampUs;
  readonly spot: number;
  readonly strike: number;
  readonly right: 'CE' | 'PE';
  readonly quote: ChainQuote;
}

function parseRight(text: string, where: string): 'CE' | 'PE' {
  const value = text.trim().toUpperCase();
  if (value === 'CE' || value === 'C' || value === 'CALL') return 'CE';
  if (value === 'PE' || value === 'P' || value === 'PUT') return 'PE';
  throw new ChainImportError(`${where}: right "${text}" is not CE/PE, C/P or call/put`);
}

export function importCsvChain(text: string, options: CsvChainImportOptions = {}): ChainImport {
  let lines;
  try {
    lines = readCsv(text);
  } catch (error) {
    throw new ChainImportError(`CSV chain: ${(error as Error).message}`);
  }
  if (lines.length === 0) throw new ChainImportError('CSV chain: the file is empty');
  const header = lines[0].fields.map((name) => name.trim().toLowerCase());
  const columnIndex = new Map<Column, number>();
  for (const name of [...REQUIRED, ...OPTIONAL]) {
    const index = header.indexOf(name);
    if (index >= 0) columnIndex.set(name, index);
  }
  const missing = REQUIRED.filter((name) => !columnIndex.has(name));
  if (missing.length > 0) {
    throw new ChainImportError(
      `CSV chain: header (line ${lines[0].line}) lacks column(s) ${missing.join(', ')}`,
    );
  }
  if (lines.length === 1) throw new ChainImportError('CSV chain: the file has a header but no contracts');

  const contracts: ParsedContract[] = [];
  for (const { line, fields } of lines.slice(1)) {
    const where = `CSV chain line ${line}`;
    if (fields.length !== header.length) {
      throw new ChainImportError(`${where}: ${fields.length} fields, the header has ${header.length}`);
    }
    const cell = (name: Column): string | undefined => {
      const index = columnIndex.get(name);
      return index === undefined ? undefined : fields[index].trim();
    };
    const number = (name: Column, required: boolean): number => {
      const raw = cell(name);
      if (raw === undefined || raw === '') {
        if (required) throw new ChainImportError(`${where}: ${name} is empty`);
        return 0;
      }
      const value = Number(raw);
      if (!Number.isFinite(value)) throw new ChainImportError(`${where}: ${name} "${raw}" is not a number`);
      return value;
    };
    const spot = number('spot', true);
    const strike = number('strike', true);
    if (!(spot > 0)) throw new ChainImportError(`${where}: spot must be positive, got ${spot}`);
    if (!(strike > 0)) throw new ChainImportError(`${where}: strike must be positive, got ${strike}`);
    const underlying = cell('underlying') ?? '';
    if (underlying === '') throw new ChainImportError(`${where}: underlying is empty`);
    const ivPercent = number('iv', false);
    if (ivPercent < 0) throw new ChainImportError(`${where}: iv must not be negative, got ${ivPercent}`);
    const expiryTime = cell('expiry_time') ?? '';
    contracts.push({
      line,
      underlying,
      expiry: toIsoDate(cell('expiry') ?? '', `${where}: expiry`),
      expiryUs: expiryTime === '' ? null : parseIsoInstant(expiryTime, `${where}: expiry_time`),
      timestampUs: parseIsoInstant(cell('timestamp') ?? '', `${where}: timestamp`),
      spot,
      strike,
      right: parseRight(cell('right') ?? '', where),
      quote: {
        oi: number('oi', false),
        oiChange: number('oi_change', false),
        volume: number('volume', false),
        iv: ivPercent > 0 ? ivPercent / 100 : null,
        ltp: number('ltp', false),
        ltpChange: number('ltp_change', false),
        bid: number('bid', false),
        ask: number('ask', false),
        bidQty: number('bid_qty', false),
        askQty: number('ask_qty', false),
      },
    });
  }

  const expiries = [...new Set(contracts.map((contract) => contract.expiry))].sort();
  const expiry = options.expiry === undefined ? expiries[0] : toIsoDate(options.expiry, 'expiry');
  const chosen = contracts.filter((contract) => contract.expiry === expiry);
  if (chosen.length === 0) {
    throw new ChainImportError(
      `CSV chain: expiry ${nseDate(expiry)} is not in the file; it has ${expiries.map(nseDate).join(', ')}`,
    );
  }
  const first = chosen[0];
  const rowsByStrike = new Map<number, { ce: ChainQuote | null; pe: ChainQuote | null }>();
  for (const contract of chosen) {
    const where = `CSV chain line ${contract.line}`;
    // One snapshot is one instant of one underlying: a row that disagrees is a broken export.
    if (contract.underlying !== first.underlying)
      throw new ChainImportError(
        `${where}: underlying ${contract.underlying} differs from ${first.underlying} (line ${first.line})`,
      );
    if (contract.spot !== first.spot)
      throw new ChainImportError(
        `${where}: spot ${contract.spot} differs from ${first.spot} (line ${first.line})`,
      );
    if (contract.timestampUs !== first.timestampUs)
      throw new ChainImportError(`${where}: timestamp differs from line ${first.line}`);
    if (contract.expiryUs !== first.expiryUs)
      throw new ChainImportError(`${where}: expiry_time differs from line ${first.line}`);
    let row = rowsByStrike.get(contract.strike);
    if (row === undefined) {
      row = { ce: null, pe: null };
      rowsByStrike.set(contract.strike, row);
    }
    const key = contract.right === 'CE' ? 'ce' : 'pe';
    if (row[key] !== null)
      throw new ChainImportError(`${where}: a second ${contract.right} at strike ${contract.strike}`);
    row[key] = contract.quote;
  }
  const rows: ChainRow[] = [...rowsByStrike.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([strike, sides]) => ({ strike, ce: sides.ce, pe: sides.pe }));

  const contractMultiplier = options.contractMultiplier ?? 1;
  if (!(contractMultiplier > 0))
    throw new ChainImportError(`contractMultiplier must be positive, got ${contractMultiplier}`);
  const snapshot: ChainSnapshot = {
    underlying: first.underlying,
    spot: first.spot,
    expiry,
    expiryUs: first.expiryUs ?? expiryInstantUs(expiry, options.expiryClose ?? NSE_EXPIRY_CLOSE),
    timestampUs: first.timestampUs,
    contractMultiplier,
    rows,
  };
  return { snapshot, expiries };
}
