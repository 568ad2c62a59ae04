import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { LedgerOptions } from '../../../src/main/ledger/ledger';
import { Ledger } from '../../../src/main/ledger/ledger';
import { ledgerPath } from '../../../src/main/ledger/ledgerPath';
import { ManualJournalTimer } from '../../../src/main/ledger/journal';

const dirs: string[] = [];
const open: Ledger[] = [];

/** A fresh data directory under the OS temp dir, removed after the test. */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-ledger-test-'));
  dirs.push(dir);
  return dir;
}

/** Opens a ledger in `dataDir` with a fixed wall clock and a manual journal timer; closed after the test. */
export function openLedger(dataDir: string, options: LedgerOptions = {}): Ledger {
  let now = 1_700_000_000_000_000;
  const ledger = Ledger.open(ledgerPath(dataDir), {
    now: () => (now += 1000),
    timer: new ManualJournalTimer(),
    instrumentContext: (symbol) =>
      symbol.startsWith('TSLA') ? { multiplier: 100, currency: 'USD' } : { multiplier: 1, currency: 'INR' },
    ...options,
  });
  open.push(ledger);
  return ledger;
}

export function closeQuietly(ledger: Ledger): void {
  const index = open.indexOf(ledger);
  if (index !== -1) open.splice(index, 1);
  try {
    ledger.close();
  } catch {
    // already closed
  }
}

afterEach(() => {
  for (const ledger of open.splice(0)) closeQuietly(ledger);
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
