import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtPaths } from '../../platform/appInfo';
import { RecordingWriter } from '../../backtest/recording/writer';
import { runReplay } from '../../backtest/run/replayRun';
import type { EventSource, SourceFormat } from '../../backtest/sources/eventSource';
import { detectFormat, openSources, type OpenSourceOptions } from '../../backtest/sources/openSource';
import type { EvaluationSetup } from '../../backtest/sweep/evaluate';
import {
  gridSize,
  parseAxis,
  ParameterSpecError,
  type ParameterAxis,
} from '../../backtest/sweep/parameterSpace';
import { RANK_METRICS, resultsToCsv, resultsToText, type RankMetric } from '../../backtest/sweep/ranking';
import { runSweep } from '../../backtest/sweep/runSweep';
import { resolvePreset, splitOverrides } from '../../backtest/session/engineSession';
import { PresetError } from '../../trading/engine/config/presets';
import { WalkForwardError } from '../../backtest/sweep/walkForward';
import { sweepWorkerEntry } from '../../backtest/sweep/workerPool';
import type { RecordedEvent } from '../../../shared/recording/events';
import { readConfigFile, stderrProgress } from '../commandSupport';
import { parseFlags } from '../flags';
import { saveBacktestRun } from '../saveRun';
import { QUEUE_FLAGS, QUEUE_USAGE, queueFromFlags } from '../queueFlags';
import { QueueCancelledError } from '../../backtest/distributed/queueExecutor';
import { RecordingStoreError } from '../../backtest/distributed/recordingStore';
import { SWEEP_RUN_KIND, sweepRunRecord } from '../../coreWorker/replayWindow/backtestRun';
import { defaultDataDir } from '../../platform/paths';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

const MAX_GRID = 100_000;

export const command: CliCommand = {
  name: 'sweep',
  summary:
    "search a preset's parameters over a tape (grid or random, all cores), ranked; walk-forward and Monte Carlo",
  usage: [
    'scalpdesk sweep FILE... --param PATH=VALUES [--param ...] [--preset NAME] [--config FILE] [--seed N]',
    '                [--search grid|random] [--samples N] [--metric M] [--workers N] [--out TABLE.csv]',
    '                [--walk-forward] [--train N] [--test N] [--segments N] [--monte-carlo RUNS]',
    '                [--top N] [--format F] [--tz ZONE] [--price-decimals N] [--symbol SYM] [--no-progress]',
    '                [--queue redis://HOST:PORT[/DB] [--max-recording-mb N]] [--save [--data-dir D]]',
    '',
    '  FILE...             the tape, as for `scalpdesk replay` (imports are converted to a recording once)',
    '  --param PATH=VALUES a parameter of the preset and its values: a list',
    '                      (exits.takeProfit.takeProfitPercent=20,30,40) or a range min:max:step',
    '                      (signals.momentumBurst.minChangePercent=0.02:0.05:0.01); repeat. PATH is a key path of',
    "                      the preset's params (resources/presets/*.json); paperBroker.* varies the paper broker",
    '  --preset NAME       the preset whose parameters are varied (default Balanced); --config: overrides under it',
    '  --seed N            paper broker seed of every replay, and the seed of random search (default 1)',
    '  --search grid|random  every combination (default), or --samples N points drawn at random (default 50)',
    `  --metric M          rank by ${RANK_METRICS.join(', ')} (default netPnl; maxDrawdown ranks lowest first)`,
    '  --workers N         worker threads (default: all cores)',
    '  --out TABLE.csv     write the whole ranked table as CSV',
    '  --walk-forward      also optimise on --train segments and test the winner on the next --test segments,',
    '                      rolling (segments are days when the tape has enough, else --segments equal slices)',
    "  --monte-carlo RUNS  reshuffle and bootstrap the best point's trades RUNS times: P&L and drawdown spread",
    '  --top N             rows in the printed table and the JSON (default 10)',
    ...QUEUE_USAGE,
    "  --save              save the sweep (best point, top rows) to the ledger's backtest runs; --data-dir D",
    "                      chooses the data folder (default: the app's user-data folder)",
    '',
    'Prints JSON (points, best, top rows, walk-forward folds and out-of-sample figures, Monte Carlo',
    'percentiles) on stdout and the ranked table on stderr. Same inputs and seed give the same output.',
  ].join('\n'),
  async run(args, io) {
    const specs: string[] = [];
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--param') {
        const value = args[++i];
        if (value === undefined) throw new UsageError('--param needs a value');
        specs.push(value);
      } else if (args[i].startsWith('--param=')) specs.push(args[i].slice('--param='.length));
      else rest.push(args[i]);
    }
    const { flags, positional } = parseFlags(rest, {
      preset: 'string',
      config: 'string',
      seed: 'number',
      search: 'string',
      samples: 'number',
      metric: 'string',
      workers: 'number',
      out: 'string',
      'walk-forward': 'boolean',
      train: 'number',
      test: 'number',
      segments: 'number',
      'monte-carlo': 'number',
      top: 'number',
      format: 'string',
      tz: 'string',
      'price-decimals': 'number',
      symbol: 'string',
      'session-module': 'string',
      'no-progress': 'boolean',
      ...QUEUE_FLAGS,
      save: 'boolean',
      'data-dir': 'string',
    });
    if (positional.length === 0) throw new UsageError('FILE is required');
    if (flags['data-dir'] !== undefined && flags.save !== true)
      throw new UsageError('--data-dir is used only with --save');
    const queue = queueFromFlags(flags, io, 'sweep');
    if (specs.length === 0) throw new UsageError('at least one --param PATH=VALUES is required');
    let axes: ParameterAxis[];
    try {
      axes = specs.map(parseAxis);
    } catch (error) {
      if (error instanceof ParameterSpecError) throw new UsageError(`--param ${error.message}`);
      throw error;
    }
    const duplicate = axes.find((axis, i) => axes.findIndex((other) => other.path === axis.path) !== i);
    if (duplicate) throw new UsageError(`--param ${duplicate.path} is given twice`);
    const search = flags.search ?? 'grid';
    if (search !== 'grid' && search !== 'random')
      throw new UsageError(`--search must be grid or random, got "${search}"`);
    const metric = (flags.metric ?? 'netPnl') as RankMetric;
    if (!RANK_METRICS.includes(metric))
      throw new UsageError(`--metric must be one of ${RANK_METRICS.join(', ')}, got "${flags.metric}"`);
    const seed = flags.seed ?? 1;
    if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got ${seed}`);
    const workers = flags.workers ?? os.availableParallelism();
    if (!(Number.isInteger(workers) && workers >= 1))
      throw new UsageError(`--workers must be a positive integer, got ${workers}`);
    const size = gridSize(axes);
    if (search === 'grid' && size > MAX_GRID)
      throw new UsageError(
        `the grid has ${size} points (more than ${MAX_GRID}); use --search random --samples N`,
      );
    const samples = flags.samples ?? 50;
    if (!(Number.isInteger(samples) && samples >= 1))
      throw new UsageError(`--samples must be a positive integer, got ${samples}`);
    const top = flags.top ?? 10;
    const baseOverrides = flags.config === undefined ? {} : readConfigFile(flags.config);
    if (flags['session-module'] === undefined) {
      try {
        const preset = resolvePreset(flags.preset ?? 'Balanced', splitOverrides(baseOverrides).params);
        const unknown = axes.find(
          (axis) => !axis.path.startsWith('paperBroker.') && !hasParameter(preset.params, axis.path),
        );
        if (unknown !== undefined)
          throw new UsageError(
            `--param ${unknown.path}: no such parameter in the ${preset.name} preset (paths as in resources/presets/*.json "params", e.g. exits.takeProfit.takeProfitPercent)`,
          );
      } catch (error) {
        if (!(error instanceof PresetError)) throw error;
        io.stderr(`scalpdesk sweep: ${error.message}\n`);
        return 1;
      }
    }
    const sourceOptions: OpenSourceOptions = {
      format: flags.format as SourceFormat | undefined,
      timeZone: flags.tz,
      priceDecimals: flags['price-decimals'],
      symbol: flags.symbol,
    };

    // Every point replays the whole tape: read text imports once into a binary recording.
    let tempDir: string | undefined;
    let files = positional;
    let effectiveSourceOptions = sourceOptions;
    try {
      const allRecordings = positional.every(
        (file) => fs.existsSync(file) && (sourceOptions.format ?? detectFormat(file)) === 'rec',
      );
      if (!allRecordings) {
        tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-sweep-'));
        const converted = path.join(tempDir, 'tape.sdrec');
        let source: EventSource;
        try {
          source = openSources(positional, sourceOptions);
        } catch (error) {
          io.stderr(`scalpdesk sweep: ${(error as Error).message}\n`);
          return 1;
        }
        convert(source, converted);
        files = [converted];
        effectiveSourceOptions = {};
      }
      const setup: EvaluationSetup = {
        files,
        sourceOptions: effectiveSourceOptions,
        presetName: flags.preset ?? 'Balanced',
        seed,
        baseOverrides,
        sessionModule:
          flags['session-module'] === undefined ? undefined : path.resolve(flags['session-module']),
      };
      const progress = stderrProgress(io, flags['no-progress'] !== true, { label: 'sweep', unit: 'replays' });
      const workerEntry = sweepWorkerEntry(builtPaths.workerDir);
      if (workerEntry === undefined && workers > 1)
        io.stderr('scalpdesk sweep: no sweep worker entry in this build; running in one thread\n');
      let runs = 0;
      const outcome = await runSweep({
        setup,
        axes,
        search,
        samples,
        searchSeed: seed,
        metric,
        workers,
        workerEntry,
        walkForward: flags['walk-forward']
          ? {
              train: flags.train ?? 2,
              test: flags.test ?? 1,
              segments: flags.segments ?? 4,
              timeZone: flags.tz,
            }
          : undefined,
        monteCarloRuns: flags['monte-carlo'],
        onProgress: (done, total) => {
          runs = total;
          progress?.update(done / total, done);
        },
        queue: queue?.options,
      });
      progress?.done(runs);
      const paths = axes.map((axis) => axis.path);
      if (flags.out !== undefined) {
        fs.mkdirSync(path.dirname(path.resolve(flags.out)), { recursive: true });
        fs.writeFileSync(flags.out, resultsToCsv(outcome.ranked, paths));
      }
      io.stderr(resultsToText(outcome.ranked, paths, top));
      const best = outcome.ranked[0];
      const failed = outcome.ranked.filter((result) => result.error !== null);
      const printed = {
        search,
        metric,
        points: outcome.points,
        gridSize: outcome.gridSize,
        seed,
        preset: setup.presetName,
        best: best && best.metrics ? { point: best.point, metrics: best.metrics } : null,
        top: outcome.ranked.slice(0, top),
        failedPoints: failed.length,
        walkForward: outcome.walkForward,
        monteCarlo: outcome.monteCarlo,
        table: flags.out ?? null,
      };
      io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
      if (flags.save === true) {
        const saved = saveBacktestRun(flags['data-dir'] ?? defaultDataDir(), SWEEP_RUN_KIND, (runId) =>
          sweepRunRecord(
            runId,
            {
              origin: 'cli',
              files: positional.map((file) => path.resolve(file)),
              preset: setup.presetName,
              seed,
              search,
              metric,
              parameters: specs,
              queue: queue?.options.connection.display ?? null,
            },
            printed,
            Date.now() * 1000,
          ),
        );
        if ('error' in saved) {
          io.stderr(`scalpdesk sweep: --save: ${saved.error}\n`);
          return 1;
        }
        io.stderr(`scalpdesk sweep: saved run ${saved.runId} to ${saved.file}\n`);
      }
      if (failed.length === outcome.points) {
        io.stderr(`scalpdesk sweep: every point failed; first error: ${failed[0].error}\n`);
        return 1;
      }
      return 0;
    } catch (error) {
      if (error instanceof QueueCancelledError) {
        io.stderr(`scalpdesk sweep: ${error.message}\n`);
        return 130;
      }
      if (error instanceof RecordingStoreError) {
        io.stderr(`scalpdesk sweep: --queue: ${error.message}\n`);
        return 1;
      }
      if (error instanceof WalkForwardError) {
        io.stderr(`scalpdesk sweep: walk-forward: ${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      queue?.release();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    }
  },
};

/** True when the dotted path names a value (not a whole section) in the preset's params. */
export function hasParameter(params: unknown, dottedPath: string): boolean {
  let node: unknown = params;
  for (const key of dottedPath.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node !== 'object' || node === null || Array.isArray(node);
}

/** Reads a source to the end into a recording (defining each instrument before its first event). */
function convert(source: EventSource, file: string): void {
  const writer = RecordingWriter.open(file, { meta: { source: `sweep import of ${source.file}` } });
  const defined = new Set<string>();
  try {
    runReplay({
      source,
      tap: (event: RecordedEvent) => {
        if (!defined.has(event.symbol)) {
          defined.add(event.symbol);
          const instrument = source.instrument(event.symbol);
          if (instrument) writer.defineInstrument(instrument);
        }
        writer.append(event);
      },
    });
  } finally {
    source.close();
    writer.close();
  }
}
