import type { ChainSnapshot } from '../chain/snapshot';

/** What an importer returns: the chosen expiry's snapshot and every expiry the source holds. */
export interface ChainImport {
  readonly snapshot: ChainSnapshot;
  /** ISO dates, ascending. */
  readonly expiries: readonly string[];
}

export interface ChainImportOptions {
  /** Expiry to extract, ISO (2022-03-31) or NSE style (31-Mar-2022); default the nearest. */
  readonly expiry?: string;
  /** Units per unit of OI (the lot size when the source counts OI in contracts). Default 1. */
  readonly contractMultiplier?: number;
}

/** Bad input to an importer; the message names the source, the place and what is wrong. */
export class ChainImportError extends Error {
  override name = 'ChainImportError';
}
