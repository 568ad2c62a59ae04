import fs from 'node:fs';
import path from 'node:path';
import { replayRunRecord } from '../../coreWorker/replayWindow/backtestRun';
import { defaultDataDir } from '../../platform/paths';
import { RecordingWriter } from '../../backtest/recording/writer';
import { buildReport, type ReplayReport } from '../../backtest/run/report';
import { runReplay } from '../../backtest/run/replayRun';
import { renderHtmlReport } from '../../backtest/report/htmlReport';
import { defaultSessionFactory, SessionUnavailableError } from '../../backtest/session/defaultSession';
import { resolvePreset, splitOverrides } from '../../backtest/session/engineSession';
import type { DecisionRecordPolicy } from '../../backtest/session/replaySession';
import { PresetError } from '../../trading/engine/config/presets';
import type { EventSource, SourceFormat } from '../../backtest/sources/eventSource';
import { openSources } from '../../backtest/sources/openSource';
import type { RecordedEvent } from '../../../shared/recording/events';
import { BUILT_IN_PRESET_NAMES } from '../../../shared/domain/enginePresets';
import { parseTimestampUs } from '../../../shared/recording/timestamps';
import { readConfigFile, stderrProgress, TRADE_USAGE, withTradeFlag } from '../commandSupport';
import { parseFlags } from '../flags';
import { saveBacktestRun } from '../saveRun';
import type { CliCommand } from '../types';
import { UsageError } from '../types';

const FORMATS: readonly SourceFormat[] = ['rec', 'csv', 'lobster', 'nse-chain'];

export const command: CliCommand = {
  name: 'replay',
  summary:
    'replay recordings or imported ticks through the engine and paper broker; print tape and P&L figures as JSON',
  usage: [
    'scalpdesk replay FILE... [--format rec|csv|lobster|nse-chain] [--preset NAME] [--config FILE] [--seed N]',
    '                 [--report OUT.json] [--html OUT.html] [--tape-only] [--tz ZONE] [--price-decimals N]',
    '                 [--symbol SYM] [--from TIME] [--to TIME] [--expiry D] [--record OUT.sdrec] [--no-progress]',
    '                 [--decisions sampled|all|none] [--trade options|underlying] [--save [--data-dir D]]',
    '',
    '  FILE...            recordings (*.sdrec), CSV ticks, LOBSTER message/orderbook files, NSE option-chain',
    '                     JSON snapshots; several files are merged by time (docs/backtesting.md)',
    '  --format F         read every FILE as F instead of detecting it',
    `  --preset NAME      engine preset: ${BUILT_IN_PRESET_NAMES.join(', ')} (default Balanced)`,
    '  --config FILE      JSON of parameter overrides on top of the preset',
    TRADE_USAGE,
    '  --seed N           seed of the paper broker (latency, rejections, slippage); default 1',
    '  --report OUT.json  write the full report: summary, per-trade list, equity curve, per-signal/gate tables',
    '  --html OUT.html    write a self-contained HTML report (equity, drawdown, trade distribution, tables)',
    '  --tape-only        read the tape without the engine (tape figures only)',
    '  --tz ZONE          IANA zone of CSV timestamps without an offset (e.g. Asia/Kolkata); LOBSTER: the',
    '                     exchange zone (default America/New_York)',
    '  --price-decimals N decimals of CSV prices (default: inferred from the first 1000 rows)',
    '  --symbol SYM       symbol for a CSV without a symbol column, or instead of the LOBSTER ticker',
    '  --from/--to TIME   replay only events in [from, to) (ISO-8601 with offset, or epoch)',
    '  --expiry D         expiry of NSE chain snapshots to summarise (default: the nearest)',
    '  --record OUT.sdrec save the events replayed as a binary recording (import once, replay fast)',
    "  --decisions D      decision records in the report's `decisions`: entries placed and exits always;",
    '                     blocked candidates 1 in 20 (sampled, default), all, or none',
    '  --no-progress      no progress on stderr',
    "  --save             save the run's summary to the ledger's backtest runs (listed in the replay window);",
    "                     best with the app closed — if it is open, SQLite's 5 s busy timeout makes the two",
    '                     writers take turns',
    "  --data-dir D       the data folder whose ledger --save writes (default: the app's user-data folder)",
    '',
    'Prints JSON: events, trades, quotes, instruments, totalVolume, sessionVwap, sessionHigh, sessionLow (decimal',
    'prices; VWAP/high/low of the single traded instrument, per instrument in the report), seed, engine {orders,',
    'fills, trades, netPnl, winRate, expectancy, profitFactor, maxDrawdown, sharpe, ...} and per-file sources.',
    'A damaged recording replays up to the damage, reports file and byte, and exits 1. Same files and seed give',
    'byte-identical output.',
  ].join('\n'),
  async run(args, io) {
    const { flags, positional } = parseFlags(args, {
      format: 'string',
      preset: 'string',
      config: 'string',
      trade: 'string',
      seed: 'number',
      report: 'string',
      html: 'string',
      'tape-only': 'boolean',
      tz: 'string',
      'price-decimals': 'number',
      symbol: 'string',
      from: 'string',
      to: 'string',
      expiry: 'string',
      'no-progress': 'boolean',
      record: 'string',
      save: 'boolean',
      'data-dir': 'string',
      decisions: 'string',
    });
    if (positional.length === 0) throw new UsageError('FILE is required');
    if (flags['data-dir'] !== undefined && flags.save !== true)
      throw new UsageError('--data-dir is used only with --save');
    const format = flags.format as SourceFormat | undefined;
    if (format !== undefined && !FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
    const seed = flags.seed ?? 1;
    if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got ${seed}`);
    const priceDecimals = flags['price-decimals'];
    if (
      priceDecimals !== undefined &&
      !(Number.isInteger(priceDecimals) && priceDecimals >= 0 && priceDecimals <= 8)
    ) {
      throw new UsageError(`--price-decimals must be an integer from 0 to 8, got ${priceDecimals}`);
    }
    const window = {
      fromUs: flags.from === undefined ? undefined : parseTime(flags.from, '--from'),
      toUs: flags.to === undefined ? undefined : parseTime(flags.to, '--to'),
    };
    let overrides: Record<string, unknown> = {};
    if (flags.config !== undefined) overrides = readConfigFile(flags.config);
    overrides = withTradeFlag(overrides, flags.trade);
    const decisionRecords = flags.decisions as DecisionRecordPolicy | undefined;
    if (decisionRecords !== undefined && !['sampled', 'all', 'none'].includes(decisionRecords))
      throw new UsageError(`--decisions must be sampled, all or none, got "${decisionRecords}"`);

    let sessionFactory;
    if (!flags['tape-only']) {
      try {
        sessionFactory = defaultSessionFactory();
      } catch (error) {
        if (!(error instanceof SessionUnavailableError)) throw error;
        if (flags.preset !== undefined || flags.config !== undefined || flags.trade !== undefined) {
          io.stderr(`scalpdesk replay: ${error.message}\n`);
          return 1;
        }
        io.stderr(`scalpdesk replay: ${error.message}; replaying the tape only\n`);
      }
    }

    if (sessionFactory !== undefined) {
      // Refuse an unknown preset or invalid parameters before reading a single event.
      try {
        resolvePreset(flags.preset ?? 'Balanced', splitOverrides(overrides).params);
      } catch (error) {
        if (!(error instanceof PresetError)) throw error;
        io.stderr(`scalpdesk replay: ${error.message}\n`);
        return 1;
      }
    }

    let source: EventSource;
    try {
      source = openSources(positional, {
        format,
        timeZone: flags.tz,
        priceDecimals,
        symbol: flags.symbol,
        expiry: flags.expiry,
      });
    } catch (error) {
      io.stderr(`scalpdesk replay: ${(error as Error).message}\n`);
      return 1;
    }

    const progress = stderrProgress(io, flags['no-progress'] !== true);
    let recorder: RecordingWriter | undefined;
    if (flags.record !== undefined) {
      if (fs.existsSync(flags.record)) fs.rmSync(flags.record);
      recorder = RecordingWriter.open(flags.record, {
        meta: { source: `replay --record of ${positional.join(', ')}`, ...source.meta() },
      });
    }
    const defined = new Set<string>();
    const record = recorder
      ? (event: RecordedEvent): void => {
          if (!defined.has(event.symbol)) {
            defined.add(event.symbol);
            const instrument = source.instrument(event.symbol);
            if (instrument) recorder.defineInstrument(instrument);
          }
          recorder.append(event);
        }
      : undefined;
    let report: ReplayReport;
    try {
      const outcome = runReplay({
        source,
        sessionFactory,
        presetName: flags.preset,
        overrides,
        seed,
        window,
        decisionRecords,
        onProgress: progress ? (fraction, events) => progress.update(fraction, events) : undefined,
        tap: record,
      });
      progress?.done(outcome.tape.events);
      // A header-only CSV (or an empty window) replays nothing: say so rather than report zeros.
      if (outcome.tape.events === 0) {
        io.stderr(
          `scalpdesk replay: no market events in ${positional.join(', ')}${window.fromUs !== undefined || window.toUs !== undefined ? ' within --from/--to' : ''} (a CSV needs data rows after its header)\n`,
        );
        return 1;
      }
      report = buildReport(outcome, (symbol) => source.instrument(symbol as never));
    } finally {
      source.close();
      recorder?.close();
    }

    const text = `${JSON.stringify(report.summary, null, 2)}\n`;
    io.stdout(text);
    if (flags.report !== undefined) writeFile(flags.report, `${JSON.stringify(report, null, 2)}\n`);
    if (flags.html !== undefined)
      writeFile(
        flags.html,
        renderHtmlReport(report, {
          title: `Scalpdesk replay — ${positional.map((file) => path.basename(file)).join(', ')}`,
        }),
      );

    let failed = false;
    if (flags.save === true) {
      const saved = saveRun(report, {
        dataDir: flags['data-dir'] ?? defaultDataDir(),
        files: positional,
        format: format ?? [...new Set(report.summary.sources.map((source) => source.format))].join(','),
        preset: sessionFactory === undefined ? '(tape only)' : (flags.preset ?? 'Balanced'),
        seed,
      });
      if ('error' in saved) {
        io.stderr(`scalpdesk replay: --save: ${saved.error}\n`);
        failed = true;
      } else io.stderr(`scalpdesk replay: saved run ${saved.runId} to ${saved.file}\n`);
    }
    for (const sourceReport of report.summary.sources) {
      if (sourceReport.error !== null) {
        io.stderr(`scalpdesk replay: ${sourceReport.error.message}\n`);
        failed = true;
      }
      if (sourceReport.warning !== undefined)
        io.stderr(`scalpdesk replay: warning: ${sourceReport.warning}\n`);
      if (sourceReport.skippedRows > 0) {
        const reasons = sourceReport.firstProblems
          .map((problem) => `  ${problem.file}:${problem.line}: ${problem.reason}`)
          .join('\n');
        io.stderr(
          `scalpdesk replay: ${sourceReport.file}: skipped ${sourceReport.skippedRows} of ${sourceReport.rows} rows; first reasons:\n${reasons}\n`,
        );
        if (sourceReport.events === 0) failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};

function saveRun(
  report: ReplayReport,
  run: { dataDir: string; files: readonly string[]; format: string; preset: string; seed: number },
): { runId: string; file: string } | { error: string } {
  return saveBacktestRun(run.dataDir, 'replay', (runId) =>
    replayRunRecord(
      runId,
      {
        origin: 'cli',
        files: run.files.map((input) => path.resolve(input)),
        format: run.format,
        preset: run.preset,
        seed: run.seed,
      },
      report,
      Date.now() * 1000,
    ),
  );
}

function parseTime(text: string, flag: string): number {
  try {
    return parseTimestampUs(text, undefined);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
}

function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, text);
}
