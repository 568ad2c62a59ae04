import fs from 'node:fs';
import os from 'node:os';
import { builtPaths } from '../../platform/appInfo';
import { EvaluationError, evaluateWorkerEntry, runEvaluation } from '../../backtest/evaluate/runEvaluation';
import { summarizeEvaluations } from '../../backtest/evaluate/summary';
import type { SessionTask } from '../../backtest/evaluate/sessionEvaluation';
import { formatRate } from '../../backtest/run/progress';
import { resolvePreset, splitOverrides } from '../../backtest/session/engineSession';
import { PresetError } from '../../trading/engine/config/presets';
import { readConfigFile, stderrProgress, withTradeFlag } from '../commandSupport';
import { parseFlags } from '../flags';
import { QUEUE_FLAGS, QUEUE_USAGE, queueFromFlags } from '../queueFlags';
import { QueueCancelledError } from '../../backtest/distributed/queueExecutor';
import { RecordingStoreError } from '../../backtest/distributed/recordingStore';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

export const command: CliCommand = {
  name: 'evaluate',
  summary:
    'replay each recording as its own session and pool the results: expectancy, its standard error, worst day',
  usage: [
    'scalpdesk evaluate FILE... [--preset NAME] [--config FILE] [--trade T] [--seed N] [--workers N]',
    '                   [--no-progress] [--queue redis://HOST:PORT[/DB] [--max-recording-mb N]]',
    '',
    '  FILE...          recordings (*.sdrec), one trading day each (`scalpdesk simulate` writes them)',
    '  --preset NAME    Sniper, Balanced (default), Scalper, Auto-Adaptive',
    '  --config FILE    JSON of parameter overrides on top of the preset (paperBroker.* for the broker)',
    '  --trade T        options (default) or underlying: trade the underlying itself, long and short',
    '  --seed N         seed of the paper broker in every session (default 1)',
    '  --workers N      worker threads, one session each at a time (default: all cores)',
    ...QUEUE_USAGE,
    '',
    'Each session starts from a clean engine, order manager and paper broker. Prints JSON: sessions, trades,',
    'winRate, expectancy, expectancyStdErr, expectancyT, profitFactor, maxDrawdown, netPnl, grossPnl, charges,',
    'positiveSessions, worstDay, dailyLossLimit, perSession[], bySignal[], byExit[] (money in the',
    "instrument's currency). Progress and throughput on stderr. Same files, preset and seed give the same JSON.",
  ].join('\n'),
  async run(args, io) {
    const { flags, positional } = parseFlags(args, {
      preset: 'string',
      config: 'string',
      trade: 'string',
      seed: 'number',
      workers: 'number',
      'no-progress': 'boolean',
      ...QUEUE_FLAGS,
    });
    if (positional.length === 0) throw new UsageError('FILE is required');
    for (const file of positional) if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const seed = flags.seed ?? 1;
    if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got ${seed}`);
    const workers = flags.workers ?? os.availableParallelism();
    if (!(Number.isInteger(workers) && workers >= 1))
      throw new UsageError(`--workers must be a positive integer, got ${workers}`);
    const overrides = withTradeFlag(
      flags.config === undefined ? {} : readConfigFile(flags.config),
      flags.trade,
    );
    const presetName = flags.preset ?? 'Balanced';
    try {
      resolvePreset(presetName, splitOverrides(overrides).params);
    } catch (error) {
      if (!(error instanceof PresetError)) throw error;
      io.stderr(`scalpdesk evaluate: ${error.message}\n`);
      return 1;
    }
    const queue = queueFromFlags(flags, io, 'evaluate');
    const tasks: SessionTask[] = positional.map((file) => ({ file, presetName, overrides, seed }));
    const started = performance.now();
    const progress = stderrProgress(io, flags['no-progress'] !== true, {
      label: 'evaluate',
      unit: 'sessions',
      lineIntervalMs: 0,
    });
    let events = 0;
    try {
      const sessions = await runEvaluation({
        tasks,
        workers,
        workerEntry: evaluateWorkerEntry(builtPaths.workerDir),
        queue: queue?.options,
        onSession: (done, total, evaluation) => {
          events += evaluation?.events ?? 0;
          progress?.update(done / total, done);
        },
      });
      progress?.done(sessions.length);
      const seconds = (performance.now() - started) / 1000;
      io.stderr(
        `evaluate: ${events.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s on ${Math.min(workers, tasks.length)} worker(s): ${formatRate(events / Math.max(seconds, 1e-9))} events/s\n`,
      );
      io.stdout(`${JSON.stringify(summarizeEvaluations(sessions, { preset: presetName, seed }), null, 2)}\n`);
      return 0;
    } catch (error) {
      if (error instanceof QueueCancelledError) {
        io.stderr(`scalpdesk evaluate: ${error.message}\n`);
        return 130;
      }
      if (error instanceof EvaluationError || error instanceof RecordingStoreError) {
        io.stderr(`scalpdesk evaluate: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      queue?.release();
    }
  },
};
