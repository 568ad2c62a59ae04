import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command as replay } from '../../../src/main/cli/commands/replay';
import { command as sweep, hasParameter } from '../../../src/main/cli/commands/sweep';
import { loadBuiltInPreset } from '../../../src/main/trading/engine/config/presets';
import {
  gridPoints,
  parseAxis,
  pointToOverrides,
  randomPoints,
} from '../../../src/main/backtest/sweep/parameterSpace';
import { rankResults, resultsToCsv, type SweepResult } from '../../../src/main/backtest/sweep/ranking';
import { runSweep } from '../../../src/main/backtest/sweep/runSweep';
import { planFolds } from '../../../src/main/backtest/sweep/walkForward';
import { performanceOf } from '../../../src/shared/analytics/performance';
import { captureIo } from './cliIo';
import { makeTempDir } from './factories';

const MESSAGE_FILE = path.resolve(
  __dirname,
  '../../fixtures/lobster-amzn/AMZN_2012-06-21_34200000_57600000_message_1.csv',
);
const SESSION_MODULE = path.join(__dirname, 'support/momentumTestSession.ts');
const WORKER_ENTRY = path.resolve(__dirname, '../../../src/main/backtest/sweep/sweepWorker.ts');
const dir = makeTempDir();
const recording = path.join(dir, 'amzn.sdrec');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function makeRecording(): Promise<void> {
  if (fs.existsSync(recording)) return;
  expect(
    await replay.run([MESSAGE_FILE, '--tape-only', '--no-progress', '--record', recording], captureIo()),
  ).toBe(0);
}

describe('parameter space', () => {
  it('parses lists and inclusive ranges without float drift', () => {
    expect(parseAxis('exits.takeProfitTicks=4,6,8')).toEqual({
      path: 'exits.takeProfitTicks',
      values: [4, 6, 8],
    });
    expect(parseAxis('a.b=0.1:0.5:0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseAxis('flag=true,false').values).toEqual([true, false]);
    expect(parseAxis('mode=trend,range').values).toEqual(['trend', 'range']);
  });

  it('refuses a spec without a path or with an empty value', () => {
    expect(() => parseAxis('4,6,8')).toThrow('expected path=values');
    expect(() => parseAxis('a=1,,2')).toThrow('empty value');
    expect(() => parseAxis('a=5:1:1')).toThrow('max is below min');
  });

  it('enumerates the grid with the last axis fastest', () => {
    expect(gridPoints([parseAxis('a=1,2'), parseAxis('b=x,y')])).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
    ]);
  });

  it('draws distinct random points, the same for the same seed', () => {
    const axes = [parseAxis('a=1:100:1'), parseAxis('b=1:100:1')];
    const points = randomPoints(axes, 30, 5);
    expect(new Set(points.map((point) => JSON.stringify(point))).size).toBe(30);
    expect(randomPoints(axes, 30, 5)).toEqual(points);
    expect(randomPoints(axes, 30, 6)).not.toEqual(points);
  });

  it('turns a point into nested overrides over the base', () => {
    expect(
      pointToOverrides(
        { 'exits.takeProfitTicks': 8, 'gates.spread.enabled': false },
        { exits: { stopLossTicks: 4 } },
      ),
    ).toEqual({
      exits: { stopLossTicks: 4, takeProfitTicks: 8 },
      gates: { spread: { enabled: false } },
    });
  });
});

describe('ranking', () => {
  const result = (pointNumber: number, pnls: number[] | null): SweepResult => ({
    pointNumber,
    point: { a: pointNumber },
    metrics:
      pnls === null ? null : performanceOf(pnls.map((netPnl) => ({ netPnl, grossPnl: netPnl, charges: 0 }))),
    orders: 0,
    fills: 0,
    error: pnls === null ? 'boom' : null,
  });

  it('ranks best first, failures last, ties by point number', () => {
    const ranked = rankResults([result(1, [1]), result(2, null), result(3, [5]), result(4, [1])], 'netPnl');
    expect(ranked.map((entry) => entry.pointNumber)).toEqual([3, 1, 4, 2]);
  });

  it('ranks drawdown lowest first', () => {
    const ranked = rankResults([result(1, [-5, 1]), result(2, [-1, 1])], 'maxDrawdown');
    expect(ranked.map((entry) => entry.pointNumber)).toEqual([2, 1]);
  });

  it('writes a CSV with a column per parameter', () => {
    expect(resultsToCsv([result(1, [2, -1])], ['a']).split('\n')[0]).toBe(
      'rank,point,a,netPnl,trades,winRate,expectancy,profitFactor,maxDrawdown,sharpe,orders,fills,error',
    );
  });
});

describe('walk-forward folds', () => {
  const day = (d: string, first: number, last: number) => ({ day: d, firstUs: first, lastUs: last });

  it('rolls train/test windows over session days', () => {
    const span = {
      days: [
        day('2026-11-23', 100, 200),
        day('2026-11-24', 300, 400),
        day('2026-11-25', 500, 600),
        day('2026-11-26', 700, 800),
      ],
      firstUs: 100,
      lastUs: 800,
    };
    const { unit, folds } = planFolds(span, { train: 2, test: 1, segments: 4 });
    expect(unit).toBe('day');
    expect(folds).toEqual([
      { foldNumber: 1, train: { fromUs: 100, toUs: 500 }, test: { fromUs: 500, toUs: 700 } },
      { foldNumber: 2, train: { fromUs: 300, toUs: 700 }, test: { fromUs: 700, toUs: 801 } },
    ]);
  });

  it('slices a single session into equal segments', () => {
    const { unit, folds } = planFolds(
      { days: [day('2012-06-21', 0, 999)], firstUs: 0, lastUs: 999 },
      { train: 2, test: 1, segments: 4 },
    );
    expect(unit).toBe('segment');
    expect(folds.map((fold) => [fold.train, fold.test])).toEqual([
      [
        { fromUs: 0, toUs: 500 },
        { fromUs: 500, toUs: 750 },
      ],
      [
        { fromUs: 250, toUs: 750 },
        { fromUs: 750, toUs: 1000 },
      ],
    ]);
  });
});

describe('sweep across worker threads', () => {
  const axes = [parseAxis('strategy.entryTicks=1,2,3'), parseAxis('strategy.holdTrades=10,40')];
  const setup = () => ({
    files: [recording],
    sourceOptions: {},
    presetName: 'test',
    seed: 1,
    baseOverrides: {},
    sessionModule: SESSION_MODULE,
  });

  it('gives the same ranked results on two workers as in one thread', async () => {
    await makeRecording();
    const base = { setup: setup(), axes, search: 'grid' as const, searchSeed: 1, metric: 'netPnl' as const };
    const threaded = await runSweep({ ...base, workers: 2, workerEntry: WORKER_ENTRY });
    const inline = await runSweep({ ...base, workers: 1 });
    expect(threaded.ranked).toEqual(inline.ranked);
    expect(threaded.points).toBe(6);
    expect(threaded.ranked.every((entry) => entry.error === null && (entry.metrics?.trades ?? 0) > 0)).toBe(
      true,
    );
    const pnls = threaded.ranked.map((entry) => entry.metrics?.netPnl ?? -Infinity);
    expect([...pnls].sort((a, b) => b - a)).toEqual(pnls);
  });

  it('runs from the command line with walk-forward and Monte Carlo and writes the table', async () => {
    await makeRecording();
    const table = path.join(dir, 'table.csv');
    const io = captureIo();
    const code = await sweep.run(
      [
        recording,
        '--param',
        'strategy.entryTicks=1,2,3',
        '--param=strategy.holdTrades=10,40',
        '--session-module',
        SESSION_MODULE,
        '--workers',
        '2',
        '--out',
        table,
        '--walk-forward',
        '--monte-carlo',
        '200',
        '--no-progress',
      ],
      io,
    );
    expect(io.err.join('')).toContain('rank');
    expect(code).toBe(0);
    const output = JSON.parse(io.out.join(''));
    expect(output).toMatchObject({ search: 'grid', metric: 'netPnl', points: 6, failedPoints: 0 });
    expect(output.best.point).toEqual(output.top[0].point);
    expect(output.walkForward.unit).toBe('segment');
    expect(output.walkForward.folds).toHaveLength(2);
    expect(output.walkForward.folds[0].bestPoint).not.toBeNull();
    const sumOf = (key: 'grossPnl' | 'charges'): number =>
      output.walkForward.folds.reduce(
        (sum: number, fold: { testMetrics: Record<string, number> | null }) =>
          sum + (fold.testMetrics?.[key] ?? 0),
        0,
      );
    expect(output.walkForward.outOfSample.grossPnl).toBeCloseTo(sumOf('grossPnl'), 6);
    expect(output.walkForward.outOfSample.charges).toBeCloseTo(sumOf('charges'), 6);
    expect(output.monteCarlo.reshuffle.netPnl.p5).toBe(output.monteCarlo.reshuffle.netPnl.p95);
    expect(fs.readFileSync(table, 'utf8').trim().split('\n')).toHaveLength(7);
  });

  it('imports a CSV tape once and sweeps it', async () => {
    const io = captureIo();
    const code = await sweep.run(
      [
        MESSAGE_FILE,
        '--param',
        'strategy.entryTicks=2,3',
        '--session-module',
        SESSION_MODULE,
        '--workers',
        '1',
        '--search',
        'random',
        '--samples',
        '1',
        '--no-progress',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(io.out.join('')).points).toBe(1);
  });

  it('refuses a parameter the preset does not have, naming it, before replaying anything', async () => {
    await makeRecording();
    await expect(
      sweep.run([recording, '--param', 'x=1,2', '--workers', '1', '--no-progress'], captureIo()),
    ).rejects.toThrow(/--param x: no such parameter in the Balanced preset/);
  });

  it('names only real parameters in its --help examples', () => {
    const examples = [...sweep.usage.matchAll(/\(([a-zA-Z.]+)=[0-9.,:]+\)/g)].map((match) => match[1]);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const params = loadBuiltInPreset('Balanced').params;
    for (const example of examples) expect(hasParameter(params, example), example).toBe(true);
  });
});
