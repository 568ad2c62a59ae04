import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { ReplayCandlesParams } from '../../../shared/api/replayChartSchemas';
import type { ReplayCandlesView } from '../../../shared/api/replayChartViews';
import type { ReplayOpenParams } from '../../../shared/api/schemas';
import type {
  RecordingFileView,
  ReplayResultsView,
  ReplaySpeedView,
  ReplayStateView,
} from '../../../shared/api/views';
import type { BacktestRunRecord } from '../../ledger/ledger';
import { createRealScheduler, type ReplayScheduler, type TimerHandle } from '../../backtest/replayScheduler';
import type { ReplayReport } from '../../backtest/run/report';
import type { LogLevel } from '../../threads/rpc';
import { replayRunRecord } from './backtestRun';
import { listRecordings } from './recordingList';
import { EMPTY_ACCOUNT } from './replayAccount';
import { resolveReplayPath } from './replayPaths';
import { replayResultsView } from './replayResults';
import { WindowReplay } from './windowReplay';

export interface ReplayControllerOptions {
  /** <dataDir>/recordings: where recordings are listed and bare names are looked up. */
  readonly recordingsDir: string;
  /** Receives the conflated state: at most once per `frameMs`, only when something changed. */
  readonly publish: (state: ReplayStateView) => void;
  /** Stores a finished run in the ledger's backtest_runs (through the ledger worker, the single writer). */
  readonly saveRun: (run: BacktestRunRecord) => Promise<void>;
  readonly scheduler?: ReplayScheduler;
  /** Default 16 ms: ~60 states a second at most, the most a window can show (the "conflation" principle). */
  readonly frameMs?: number;
  /**
   * Events per timer callback at 'max' speed. The replay shares the core worker with the live desk,
   * so a batch must stay short: 1,000 events take ~2–3 ms (the bench's 0.36–0.59 M events/s), after
   * which live ticks and window requests get their turn.
   */
  readonly batchSize?: number;
  readonly log?: (level: LogLevel, message: string) => void;
  readonly newRunId?: () => string;
  /** Wall clock for the saved run's finish time (µs). */
  readonly nowUs?: () => number;
}

/**
 * The replay window's replay, in the core worker (issue 6): a second, independent session — the
 * existing ReplayDriver over the engine and the paper broker on the replay account — next to the live
 * desk, which it never touches. One replay at a time; opening another replaces it. Its state reaches
 * windows conflated, and every run that reaches the end of its tape is saved to the ledger.
 */
export class ReplayController {
  private replay: WindowReplay | null = null;
  private results: ReplayResultsView | null = null;
  private speed: ReplaySpeedView = 1;
  private sequence = 0;
  /** Replays opened so far: part of the chart's key, so a new tape never extends the old one's bars. */
  private opened = 0;
  private frameTimer: TimerHandle | null = null;
  private readonly scheduler: ReplayScheduler;
  private readonly frameMs: number;

  constructor(private readonly options: ReplayControllerOptions) {
    this.scheduler = options.scheduler ?? createRealScheduler();
    this.frameMs = options.frameMs ?? 16;
  }

  listRecordings(): RecordingFileView[] {
    return listRecordings(this.options.recordingsDir);
  }

  /** Opens a tape; on any problem throws a BAD_REQUEST and leaves the current replay as it was. */
  open(params: ReplayOpenParams): ReplayStateView {
    const file = resolveReplayPath(params.path, this.options.recordingsDir);
    const opened: WindowReplay = WindowReplay.open({
      file,
      format: params.format,
      preset: params.preset,
      seed: params.seed,
      timeZone: params.timeZone,
      scheduler: this.scheduler,
      batchSize: this.options.batchSize ?? 1000,
      onChange: () => this.markDirty(),
      onEnd: (report) => this.onEnd(opened, report),
    });
    if (params.symbol !== undefined && !opened.tape.symbols.includes(params.symbol)) {
      opened.close();
      throw new ApiError(
        'BAD_REQUEST',
        `symbol: ${params.symbol} is not on ${opened.tape.name} (it has ${opened.tape.symbols.slice(0, 5).join(', ')}${opened.tape.symbols.length > 5 ? ', …' : ''})`,
        'symbol',
      );
    }
    this.replay?.close();
    this.replay = opened;
    this.opened++;
    this.results = null;
    if (params.symbol !== undefined) opened.watch(params.symbol);
    opened.setSpeed(this.speed);
    this.options.log?.(
      'info',
      `replay opened: ${file} (${opened.tape.format}, preset ${params.preset}, seed ${params.seed})`,
    );
    return this.changed();
  }

  play(): ReplayStateView {
    this.require().play();
    return this.changed();
  }

  pause(): ReplayStateView {
    this.require().pause();
    return this.changed();
  }

  step(): ReplayStateView {
    this.require().step();
    return this.changed();
  }

  seek(tsUs: number): ReplayStateView {
    this.require().seek(tsUs);
    return this.changed();
  }

  setSpeed(speed: ReplaySpeedView): ReplayStateView {
    this.speed = speed;
    this.replay?.setSpeed(speed);
    return this.changed();
  }

  watch(symbol: string): ReplayStateView {
    const replay = this.require();
    if (!replay.tape.symbols.includes(symbol))
      throw new ApiError('BAD_REQUEST', `symbol: ${symbol} is not on ${replay.tape.name}`, 'symbol');
    replay.watch(symbol);
    return this.changed();
  }

  close(): ReplayStateView {
    this.replay?.close();
    this.replay = null;
    this.results = null;
    return this.changed();
  }

  /** Stops everything (worker shutdown). */
  dispose(): void {
    this.replay?.close();
    this.replay = null;
    if (this.frameTimer !== null) this.scheduler.clearTimer(this.frameTimer);
    this.frameTimer = null;
  }

  state(): ReplayStateView {
    const replay = this.replay;
    if (replay === null) {
      return {
        status: 'idle',
        file: null,
        tape: null,
        speed: this.speed,
        positionUs: null,
        nextEventUs: null,
        seekingToUs: null,
        eventNumber: 0,
        progress: 0,
        symbol: null,
        ladder: null,
        account: EMPTY_ACCOUNT,
        results: null,
        sequence: this.sequence,
      };
    }
    const status = replay.status;
    return {
      status,
      file: replay.file,
      tape: replay.tape,
      speed: replay.speed,
      positionUs: replay.positionUs,
      nextEventUs: replay.nextEventUs,
      seekingToUs: replay.seekingToUs,
      eventNumber: replay.eventNumber,
      progress: replay.progress,
      symbol: replay.symbol,
      ladder: replay.ladderView(),
      account: replay.accountView(),
      // A jump backwards after the end starts a new run: the old results no longer describe the tape.
      results: status === 'finished' ? this.results : null,
      sequence: this.sequence,
    };
  }

  /** The replay chart's bars and fills (issue 12); empty while nothing is open. */
  candles(params: ReplayCandlesParams): ReplayCandlesView {
    const key = String(this.opened);
    return this.replay?.chart(key, params) ?? { key, candles: null, fills: [], tradedSymbols: [] };
  }

  private require(): WindowReplay {
    if (this.replay === null)
      throw new ApiError('REJECTED', 'no replay is open: open a recording or a file first');
    return this.replay;
  }

  /** After a control: the state to answer with; windows get it within a frame. */
  private changed(): ReplayStateView {
    this.markDirty();
    return this.state();
  }

  private markDirty(): void {
    if (this.frameTimer !== null) return;
    this.frameTimer = this.scheduler.setTimer(this.frameMs, () => {
      this.frameTimer = null;
      this.sequence++;
      this.options.publish(this.state());
    });
  }

  private onEnd(replay: WindowReplay, report: ReplayReport): void {
    if (replay !== this.replay) return;
    const runId = this.options.newRunId?.() ?? `replay-${randomUUID()}`;
    this.results = replayResultsView(runId, report, { saved: 'pending' }, replay.currency);
    const record = replayRunRecord(
      runId,
      {
        origin: 'replay-window',
        files: [replay.file],
        format: replay.tape.format,
        preset: replay.tape.preset,
        seed: replay.tape.seed,
        currency: replay.currency,
      },
      report,
      this.options.nowUs?.() ?? Date.now() * 1000,
    );
    const engine = report.summary.engine;
    this.options.log?.(
      'info',
      `replay finished: ${path.basename(replay.file)}, ${report.summary.events} events, ${engine?.trades ?? 0} trades, net P&L ${engine?.netPnl ?? 0}; saving as ${runId}`,
    );
    const settle = (saved: Pick<ReplayResultsView, 'saved' | 'saveError'>): void => {
      if (this.results?.runId !== runId) return;
      this.results = { ...this.results, ...saved };
      this.markDirty();
    };
    Promise.resolve()
      .then(() => this.options.saveRun(record))
      .then(
        () => settle({ saved: 'saved' }),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          this.options.log?.('error', `replay run ${runId} was not saved to the ledger: ${message}`);
          settle({ saved: 'failed', saveError: message });
        },
      );
    this.markDirty();
  }
}
