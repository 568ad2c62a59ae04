import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command as replay } from '../../../src/main/cli/commands/replay';
import { command as sweep } from '../../../src/main/cli/commands/sweep';
import { ReplayDriver } from '../../../src/main/backtest/driver';
import { ManualScheduler } from '../../../src/main/backtest/replayScheduler';
import type { ReplayReport } from '../../../src/main/backtest/run/report';
import { createEngineSessionFactory } from '../../../src/main/backtest/session/engineSession';
import { RecordingSource } from '../../../src/main/backtest/sources/recordingSource';
import { runCommand } from './cliIo';
import { makeTempDir } from './factories';
import { recordExchangeSession } from './support/exchangeRecording';

const dir = makeTempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const recording = recordExchangeSession(dir, 30);

const run = runCommand;

describe('replay through the engine and the paper broker', () => {
  it('trades the recorded exchange session and reports the engine figures and every trade', async () => {
    const reportFile = path.join(dir, 'report.json');
    // The default holds a leg up to 30 minutes, longer than this 30-minute tape leaves after the
    // warm-up: a one-minute hold lets the session close trades of its own.
    const config = path.join(dir, 'short-hold.json');
    fs.writeFileSync(config, JSON.stringify({ exits: { timeExit: { maxHoldSeconds: 60 } } }));
    const { code, stdout } = await run(replay, [
      recording,
      '--config',
      config,
      '--no-progress',
      '--report',
      reportFile,
    ]);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.engine.preset.name).toBe('Balanced');
    expect(summary.engine.orders).toBeGreaterThan(0);
    expect(summary.engine.fills).toBeGreaterThan(0);
    expect(summary.engine.trades).toBeGreaterThan(0);
    for (const key of ['netPnl', 'winRate', 'expectancy', 'profitFactor', 'maxDrawdown', 'sharpe'])
      expect(summary.engine).toHaveProperty(key);
    const report: ReplayReport = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    expect(report.trades).toHaveLength(summary.engine.trades);
    expect(report.trades.every((trade) => trade.signal !== null && trade.exitRule !== null)).toBe(true);
    expect(report.trades.reduce((sum, trade) => sum + trade.netPnl, 0)).toBeCloseTo(summary.engine.netPnl, 2);
    expect(report.byGate.length).toBeGreaterThan(5);
  });

  it('writes byte-identical reports for the same seed with a randomised paper broker', async () => {
    const config = path.join(dir, 'config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({
        paperBroker: {
          latency: { orderToAckUs: 20_000, ackToFillUs: 5_000, cancelUs: 20_000, jitterUs: 20_000 },
          rejection: { rate: 0.2, reasons: ['RMS'] },
        },
      }),
    );
    const first = path.join(dir, 'a.json');
    const second = path.join(dir, 'b.json');
    const a = await run(replay, [
      recording,
      '--config',
      config,
      '--seed',
      '3',
      '--no-progress',
      '--report',
      first,
    ]);
    const b = await run(replay, [
      recording,
      '--config',
      config,
      '--seed',
      '3',
      '--no-progress',
      '--report',
      second,
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(fs.readFileSync(first)).toEqual(fs.readFileSync(second));
    // Only the broker changed: the preset keeps its shipped version.
    expect(JSON.parse(a.stdout).engine.preset.version).toBe(4);
  });

  it('versions the preset when --config changes its parameters', async () => {
    const config = path.join(dir, 'params.json');
    fs.writeFileSync(config, JSON.stringify({ exits: { hardStop: { stopLossPercent: 25 } } }));
    const { stdout } = await run(replay, [recording, '--config', config, '--no-progress']);
    expect(JSON.parse(stdout).engine.preset.version).toBe(5);
  });

  it('refuses invalid parameters before replaying, naming them', async () => {
    const config = path.join(dir, 'bad.json');
    fs.writeFileSync(config, JSON.stringify({ exits: { hardStop: { stopLossPercent: -5 } } }));
    const { code, stdout, stderr } = await run(replay, [recording, '--config', config, '--no-progress']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^scalpdesk replay: .*stopLossPercent/);
  });

  it('the replay driver at max speed ends with the same report as the command', async () => {
    const reportFile = path.join(dir, 'cli.json');
    await run(replay, [recording, '--no-progress', '--report', reportFile]);
    const scheduler = new ManualScheduler();
    const driver = new ReplayDriver({
      open: () => new RecordingSource(recording),
      sessionFactory: createEngineSessionFactory(),
      scheduler,
      seed: 1,
    });
    let ended: ReplayReport | null = null;
    driver.subscribe({ onEnd: (report) => (ended = report) });
    driver.setSpeed('max');
    driver.play();
    scheduler.runAll();
    driver.close();
    const cli: ReplayReport = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    const fromDriver = JSON.parse(JSON.stringify(ended)) as ReplayReport;
    expect(fromDriver.trades).toEqual(cli.trades);
    expect(fromDriver.summary.engine).toEqual(cli.summary.engine);
  });

  it('sweeps a preset parameter with the engine on worker threads', async () => {
    const { code, stdout } = await run(sweep, [
      recording,
      '--param',
      'exits.hardStop.stopLossPercent=10,20',
      '--workers',
      '2',
      '--no-progress',
    ]);
    expect(code).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.points).toBe(2);
    expect(output.failedPoints).toBe(0);
    expect(
      output.top
        .map((row: { point: Record<string, number> }) => row.point['exits.hardStop.stopLossPercent'])
        .sort(),
    ).toEqual([10, 20]);
    // Each worker thread compiles the engine through tsx before its first replay: slow on a loaded machine.
  }, 180_000);
});
