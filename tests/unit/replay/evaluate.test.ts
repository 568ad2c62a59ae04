import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ClosedTrade } from '../../../src/main/backtest/analysis/roundTrips';
import type { SessionEvaluation } from '../../../src/main/backtest/evaluate/sessionEvaluation';
import { standardErrorOfMean, summarizeEvaluations } from '../../../src/main/backtest/evaluate/summary';
import { performanceOf } from '../../../src/shared/analytics/performance';
import { RecordingReader } from '../../../src/main/backtest/recording/reader';
import { command as evaluate } from '../../../src/main/cli/commands/evaluate';
import { command as simulate } from '../../../src/main/cli/commands/simulate';
import { captureIo } from './cliIo';
import { makeTempDir } from './factories';

const dir = makeTempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function makeClosedTrade(netPnl: number, overrides: Partial<ClosedTrade> = {}): ClosedTrade {
  return {
    tradeNumber: 1,
    symbol: 'NIFTY-CE',
    side: 'long',
    quantity: 65,
    entryTs: 0,
    exitTs: 1,
    entryPrice: 100,
    exitPrice: 100,
    grossPnl: netPnl + 40,
    charges: 40,
    netPnl,
    entryNotional: 6500,
    returnOnNotional: netPnl / 6500,
    holdSeconds: 30,
    entryOrderIds: [],
    exitOrderIds: [],
    signal: 'momentumBurst',
    exitRule: 'takeProfit',
    ...overrides,
  };
}

function makeSession(day: string, trades: ClosedTrade[]): SessionEvaluation {
  return {
    file: `${day}.sdrec`,
    day,
    events: 1000,
    metrics: performanceOf(trades),
    trades,
    decisions: trades.length,
    entriesBlocked: 0,
    openPositions: 0,
    dailyLossLimit: 5000,
  };
}

describe('evaluate: pooled figures over sessions', () => {
  it('pools trades, gives the standard error of the expectancy, the worst day and positive sessions', () => {
    const summary = summarizeEvaluations(
      [
        makeSession('2026-03-02', [makeClosedTrade(300), makeClosedTrade(-100, { exitRule: 'hardStop' })]),
        makeSession('2026-03-03', [makeClosedTrade(-400, { signal: 'breakout', exitRule: 'hardStop' })]),
        makeSession('2026-03-04', []),
      ],
      { preset: 'Balanced', seed: 1 },
    );
    expect(summary).toMatchObject({
      sessions: 3,
      trades: 3,
      netPnl: -200,
      grossPnl: -80,
      charges: 120,
      positiveSessions: 1,
      worstDay: { day: '2026-03-03', netPnl: -400 },
      dailyLossLimit: 5000,
    });
    // Mean −66.67; sample SD of (300, −100, −400) = 351.19; / √3 = 202.76.
    expect(summary.expectancy).toBeCloseTo(-66.6667, 3);
    expect(summary.expectancyStdErr).toBeCloseTo(202.7588, 3);
    expect(summary.expectancyT).toBeCloseTo(-0.329, 3);
    expect(summary.perSession.map((row) => row.trades)).toEqual([2, 1, 0]);
    expect(summary.bySignal.map((row) => [row.name, row.trades])).toEqual([
      ['breakout', 1],
      ['momentumBurst', 2],
    ]);
    expect(summary.byExit.map((row) => [row.name, row.netPnl])).toEqual([
      ['hardStop', -500],
      ['takeProfit', 300],
    ]);
  });

  it('has no standard error below two trades', () => {
    expect(standardErrorOfMean([5])).toBeNull();
    expect(standardErrorOfMean([1, 3])).toBeCloseTo(1, 10);
  });
});

describe('simulate and evaluate from the command line', () => {
  const out = path.join(dir, 'sessions');

  it('writes one recording per trading day, each with its own seed and the chain', async () => {
    const io = captureIo();
    const code = await simulate.run(
      [
        '--profile',
        'nse',
        '--days',
        '2',
        '--seed',
        '40',
        '--from',
        '2026-03-06',
        '--minutes',
        '4',
        '--out',
        out,
      ],
      io,
    );
    expect(code).toBe(0);
    const { recordings } = JSON.parse(io.out.join(''));
    // 2026-03-06 is a Friday: the second day is the next trading day, Monday.
    expect(recordings.map((row: { day: string; seed: number }) => [row.day, row.seed])).toEqual([
      ['2026-03-06', 40],
      ['2026-03-09', 41],
    ]);
    const reader = RecordingReader.open(recordings[0].file);
    try {
      expect(reader.next()).not.toBeNull();
      expect(reader.meta).toMatchObject({
        day: '2026-03-06',
        underlying: 'NIFTY',
        seed: 40,
        source: 'exchange:seed=40',
      });
      expect(reader.instruments.some((instrument) => instrument.instrument?.kind === 'option')).toBe(true);
    } finally {
      reader.close();
    }
  });

  it('refuses a bad profile and an unknown underlying, naming the flag', async () => {
    await expect(
      simulate.run(['--profile', 'lse', '--days', '1', '--seed', '1', '--out', out], captureIo()),
    ).rejects.toThrow(/--profile must be nse or us/);
    await expect(
      simulate.run(
        ['--profile', 'us', '--days', '1', '--seed', '1', '--out', out, '--underlying', 'NOPE'],
        captureIo(),
      ),
    ).rejects.toThrow(/underlying "NOPE" is not on the us profile/);
  });

  it('replays each file as its own session and gives the same JSON on one thread and on two workers', async () => {
    const files = fs
      .readdirSync(out)
      .map((name) => path.join(out, name))
      .sort();
    const single = captureIo();
    expect(await evaluate.run([...files, '--workers', '1', '--no-progress'], single)).toBe(0);
    const threaded = captureIo();
    expect(await evaluate.run([...files, '--workers', '2'], threaded)).toBe(0);
    expect(threaded.out.join('')).toBe(single.out.join(''));
    const summary = JSON.parse(single.out.join(''));
    expect(summary).toMatchObject({ preset: 'Balanced', seed: 1, sessions: 2 });
    for (const key of [
      'trades',
      'winRate',
      'expectancy',
      'expectancyStdErr',
      'profitFactor',
      'maxDrawdown',
      'netPnl',
      'grossPnl',
      'charges',
      'positiveSessions',
      'worstDay',
      'perSession',
      'bySignal',
      'byExit',
    ])
      expect(summary).toHaveProperty(key);
    expect(summary.perSession.map((row: { day: string }) => row.day)).toEqual(['2026-03-06', '2026-03-09']);
    expect(threaded.err.join('')).toMatch(/events\/s/);
  }, 240_000);
});
