import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command as replay } from '../../../src/main/cli/commands/replay';
import { captureIo } from './cliIo';
import { makeTempDir } from './factories';

const FIXTURE = path.resolve(__dirname, '../../fixtures/lobster-amzn');
const FILES = [
  path.join(FIXTURE, 'AMZN_2012-06-21_34200000_57600000_message_1.csv'),
  path.join(FIXTURE, 'AMZN_2012-06-21_34200000_57600000_orderbook_1.csv'),
];

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface ReportTrade {
  readonly side: 'long' | 'short';
  readonly quantity: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly grossPnl: number;
  readonly charges: number;
  readonly netPnl: number;
}
interface ReportDecision {
  readonly kind: 'entry' | 'exit';
  readonly outcome: string;
  readonly right: string;
  readonly symbol: string | null;
  readonly selection: { readonly symbol: string; readonly strike: number | null } | null;
  readonly gates: readonly { readonly name: string; readonly verdict: string }[];
  readonly blockedBy: readonly string[];
}

async function replayAmzn(extra: string[]): Promise<{
  code: number;
  stderr: string;
  summary: { engine: { trades: number; orders: number; decisions: number; netPnl: number } };
  report: { trades: ReportTrade[]; decisions: ReportDecision[] };
}> {
  const dir = makeTempDir();
  tempDirs.push(dir);
  const reportFile = path.join(dir, 'report.json');
  const io = captureIo();
  const code = await replay.run([...FILES, '--no-progress', '--report', reportFile, ...extra], io);
  return {
    code,
    stderr: io.err.join(''),
    summary: JSON.parse(io.out.join('')),
    report: code === 0 ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : { trades: [], decisions: [] },
  };
}

describe('scalpdesk replay --trade underlying on the LOBSTER AMZN day', () => {
  it('trades the stock long and short, with decision records, and P&L that follows the side', async () => {
    const { code, stderr, summary, report } = await replayAmzn(['--trade', 'underlying']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(summary.engine.trades).toBeGreaterThan(0);
    expect(report.trades.length).toBe(summary.engine.trades);
    const sides = new Set(report.trades.map((trade) => trade.side));
    expect(sides).toEqual(new Set(['long', 'short']));
    for (const trade of report.trades) {
      const move =
        trade.side === 'long' ? trade.exitPrice - trade.entryPrice : trade.entryPrice - trade.exitPrice;
      expect(trade.grossPnl).toBeCloseTo(move * trade.quantity, 6);
      expect(trade.netPnl).toBeCloseTo(trade.grossPnl - trade.charges, 6);
    }
    const placed = report.decisions.filter((decision) => decision.outcome === 'placed');
    expect(placed.length).toBeGreaterThan(0);
    for (const decision of placed) {
      expect(decision.symbol).toBe('AMZN');
      expect(decision.selection).toMatchObject({ symbol: 'AMZN', strike: null });
      // Options-only checks step aside: without a chain the options-context filter is disabled.
      expect(decision.gates.find((gate) => gate.name === 'optionsContext')?.verdict).toBe('disabled');
    }
    expect(report.decisions.some((decision) => decision.kind === 'exit')).toBe(true);
  });

  it('cannot trade the same tape in options mode: every candidate finds no contract', async () => {
    const { code, summary, report } = await replayAmzn([]);
    expect(code).toBe(0);
    expect(summary.engine.trades).toBe(0);
    expect(report.decisions.length).toBeGreaterThan(0);
    for (const decision of report.decisions) expect(decision.blockedBy).toContain('contractSelection');
  });

  it('refuses an unknown --trade value, naming the flag', async () => {
    await expect(replay.run([...FILES, '--trade', 'futures'], captureIo())).rejects.toThrow(
      '--trade must be options or underlying, got "futures"',
    );
  });
});
