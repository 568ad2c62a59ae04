import path from 'node:path';

/** The workstation's SQLite ledger inside a data directory. */
export function ledgerPath(dataDir: string): string {
  return path.join(dataDir, 'scalpdesk.sqlite');
}
