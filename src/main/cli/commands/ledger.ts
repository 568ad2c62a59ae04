import fs from 'node:fs';
import { parseFlags } from '../flags';
import type { CliCommand, CliIo } from '../types';
import { UsageError } from '../types';
import { defaultDataDir } from '../../platform/paths';
import { describeLedgerMismatch } from '../../ledger/consistency';
import type { CsvExportKind } from '../../ledger/ledger';
import { Ledger } from '../../ledger/ledger';
import { ledgerPath } from '../../ledger/ledgerPath';

const USAGE = `Usage:
  scalpdesk ledger stats  [--data-dir D] [--day YYYY-MM-DD] [--session ID]
      Trades, win rate, average winner and loser, R:R, expectancy, profit factor, max drawdown and
      Sharpe of trade returns, overall and by day, session, signal, regime, side and manual/auto,
      plus gate verdict counts, as JSON. Money is in minor units (paise, cents).
  scalpdesk ledger verify [--data-dir D]
      PRAGMA integrity_check, the audit log's hash chain, the fills and order-events hash chains,
      fills against the trade log and their events, positions recomputed from the fills, orders
      against their events and fills. Exit 1 names each bad table, row and field.
  scalpdesk ledger export trades|fills|orders|decisions|audit [--data-dir D] [--day YYYY-MM-DD] [--out FILE]
      CSV (RFC 4180) to stdout or FILE.

The ledger is <data-dir>/scalpdesk.sqlite; the data dir defaults to the app's user-data folder.
The ledger is opened read-only: these commands never change it.`;

const EXPORT_KINDS: readonly CsvExportKind[] = ['trades', 'fills', 'orders', 'decisions', 'audit'];

function openLedger(dataDir: string | undefined): Ledger {
  const file = ledgerPath(dataDir ?? defaultDataDir());
  if (!fs.existsSync(file)) throw new Error(`no ledger at ${file}`);
  return Ledger.open(file, { readOnly: true });
}

function checkDay(day: string | undefined): void {
  if (day === undefined) return;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  // A real calendar date: 2026-13-45 or 2026-02-30 would otherwise match no row and export nothing.
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== day)
    throw new UsageError(`--day must be a calendar date YYYY-MM-DD, got "${day}"`);
}

function stats(args: string[], io: CliIo): number {
  const { flags, positional } = parseFlags(args, { 'data-dir': 'string', day: 'string', session: 'string' });
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
  checkDay(flags.day);
  const ledger = openLedger(flags['data-dir']);
  try {
    const result = ledger.stats({ day: flags.day, sessionId: flags.session });
    io.stdout(`${JSON.stringify({ ledger: ledger.file, ...result }, null, 2)}\n`);
    return 0;
  } finally {
    ledger.close();
  }
}

function verify(args: string[], io: CliIo): number {
  const { flags, positional } = parseFlags(args, { 'data-dir': 'string' });
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
  const ledger = openLedger(flags['data-dir']);
  try {
    const report = ledger.verify();
    io.stdout(`${JSON.stringify({ ledger: ledger.file, ...report }, null, 2)}\n`);
    for (const warning of report.warnings) io.stderr(`warning: ${warning}\n`);
    if (report.ok) return 0;
    if (report.audit.firstBad) {
      io.stderr(`audit log row ${report.audit.firstBad.seq} is bad: ${report.audit.firstBad.problem}\n`);
    }
    for (const mismatch of report.mismatches) io.stderr(`${describeLedgerMismatch(mismatch)}\n`);
    if (report.integrity.length !== 1 || report.integrity[0] !== 'ok') {
      io.stderr(`integrity check failed: ${report.integrity.slice(0, 5).join('; ')}\n`);
    }
    return 1;
  } finally {
    ledger.close();
  }
}

function exportCsv(args: string[], io: CliIo): number {
  const { flags, positional } = parseFlags(args, { 'data-dir': 'string', day: 'string', out: 'string' });
  const kind = positional[0] as CsvExportKind | undefined;
  if (kind === undefined || !EXPORT_KINDS.includes(kind)) {
    throw new UsageError(`export needs one of ${EXPORT_KINDS.join(', ')}`);
  }
  if (positional.length > 1) throw new UsageError(`unexpected argument "${positional[1]}"`);
  checkDay(flags.day);
  const ledger = openLedger(flags['data-dir']);
  try {
    const csv = ledger.exportCsv(kind, { day: flags.day });
    if (flags.out) fs.writeFileSync(flags.out, csv);
    else io.stdout(csv);
    return 0;
  } finally {
    ledger.close();
  }
}

export const command: CliCommand = {
  name: 'ledger',
  summary: 'ledger figures (stats), integrity and audit-chain check (verify), CSV export',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const [subcommand, ...rest] = args;
    switch (subcommand) {
      case 'stats':
        return stats(rest, io);
      case 'verify':
        return verify(rest, io);
      case 'export':
        return exportCsv(rest, io);
      case undefined:
        throw new UsageError('missing subcommand: stats, verify or export');
      default:
        throw new UsageError(`unknown subcommand "${subcommand}"`);
    }
  },
};
