import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { ReplayCandlesParams } from '../../../shared/api/replayChartSchemas';
import type { ReplayCandlesView } from '../../../shared/api/replayChartViews';
import { candleSeriesKey } from '../../../shared/api/schemas';
import type {
  LadderView,
  ReplayAccountView,
  ReplaySpeedView,
  ReplayStatusView,
  ReplayTapeView,
} from '../../../shared/api/views';
import type { Symbol } from '../../../shared/domain/ids';
import type { RecordedEvent } from '../../../shared/recording/events';
import { isMarketEvent } from '../../../shared/recording/events';
import { ReplayDriver } from '../../backtest/driver';
import type { ReplayScheduler, TimerHandle } from '../../backtest/replayScheduler';
import type { ReplayReport } from '../../backtest/run/report';
import { createEngineSessionFactory } from '../../backtest/session/engineSession';
import { resolveInstrument } from '../../backtest/session/instrumentResolver';
import type { EventSource, SourceFormat } from '../../backtest/sources/eventSource';
import { openSources } from '../../backtest/sources/openSource';
import { RecordingSource } from '../../backtest/sources/recordingSource';
import { CandleBuilder } from '../../trading/market/candles';
import { MarketState } from '../../trading/market/marketState';
import { ReplayAccountTally } from './replayAccount';

export interface WindowReplayOptions {
  /** Absolute path, already checked by resolveReplayPath. */
  readonly file: string;
  readonly format?: SourceFormat;
  readonly preset: string;
  readonly seed: number;
  readonly timeZone?: string;
  readonly scheduler: ReplayScheduler;
  /** Events per timer callback at 'max': small, because the live desk shares this thread. */
  readonly batchSize: number;
  /** Something a window shows changed (the controller publishes at most once per frame). */
  readonly onChange: () => void;
  /** The tape ran out: the report `scalpdesk replay` would write. */
  readonly onEnd: (report: ReplayReport) => void;
}

const DRIVER_STATUS: Record<ReplayDriver['state']['status'], ReplayStatusView> = {
  ready: 'ready',
  playing: 'playing',
  paused: 'paused',
  ended: 'finished',
};

/**
 * One replay opened from the window: the existing ReplayDriver playing a tape into the engine and the
 * paper broker on the replay account (orders with source 'replay'; a TradingDesk of its own, never the
 * live one), plus the replayed book the window's ladder follows and a running tally of the account.
 * A jump backwards makes the driver reopen the tape; the book and the tally start over with it.
 */
export class WindowReplay {
  readonly tape: ReplayTapeView;
  private readonly driver: ReplayDriver;
  private source: EventSource | null = null;
  private book = new MarketState([]);
  private account = new ReplayAccountTally();
  /**
   * Bars of the symbols watched and traded, each from the moment it is first watched or ordered (the
   * first one watched from the start). Not every symbol: a day's chain at 1 s would not fit in memory.
   */
  private candles = new CandleBuilder();
  /** How often the tape started over (a jump backwards): bars and fills held by a window are then stale. */
  private restarts = 0;
  private watched: string | null = null;
  private ladder: LadderView | null = null;
  private closed = false;
  /** A jump in progress: where to stop, and the speed and play state to restore there. */
  private seekTarget: number | null = null;
  private afterSeek: { readonly speed: ReplaySpeedView; readonly resume: boolean } | null = null;
  private resumeTimer: TimerHandle | null = null;

  private constructor(private readonly options: WindowReplayOptions) {
    try {
      this.driver = new ReplayDriver({
        open: () => this.openSource(),
        sessionFactory: createEngineSessionFactory({
          onCommand: (command) => {
            this.account.onCommand(command);
            // The chart can show what the replay account trades: bars of a contract from its first order.
            if (command.type === 'placeOrder') this.candles.track(command.request.symbol);
          },
          onOrderEvent: (event) => this.account.onOrderEvent(event),
        }),
        seed: options.seed,
        presetName: options.preset,
        scheduler: options.scheduler,
        batchSize: options.batchSize,
      });
      this.tape = this.describeTape();
    } catch (error) {
      this.source?.close();
      throw error;
    }
    this.driver.subscribe({
      onEvent: (event) => this.onEvent(event),
      onState: () => options.onChange(),
      onEnd: (report) => {
        options.onChange();
        options.onEnd(report);
      },
    });
  }

  /**
   * Opens the tape. Anything that stops it from playing — not a readable file, a bad header, an
   * import whose rows are all bad — is a BAD_REQUEST naming the file and the reason, and leaves
   * nothing open.
   */
  static open(options: WindowReplayOptions): WindowReplay {
    let replay: WindowReplay;
    try {
      replay = new WindowReplay(options);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('BAD_REQUEST', `path: ${(error as Error).message}`, 'path');
    }
    if (replay.tape.startUs === null) {
      const problems = replay.sourceProblems();
      replay.close();
      throw new ApiError(
        'BAD_REQUEST',
        `path: ${options.file}: no events could be read${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`,
        'path',
      );
    }
    return replay;
  }

  get file(): string {
    return this.options.file;
  }

  get status(): ReplayStatusView {
    return this.seekTarget !== null ? 'seeking' : DRIVER_STATUS[this.driver.state.status];
  }

  /** While a jump plays the events up to its target: the target; else null. */
  get seekingToUs(): number | null {
    return this.seekTarget;
  }

  /** The speed the trader chose (a jump plays at 'max' and then restores it). */
  get speed(): ReplaySpeedView {
    return this.afterSeek?.speed ?? this.driver.state.speed;
  }

  get positionUs(): number | null {
    return this.driver.state.tapeTimeUs;
  }

  get nextEventUs(): number | null {
    return this.driver.state.nextEventUs;
  }

  get eventNumber(): number {
    return this.driver.state.eventNumber;
  }

  get symbol(): string | null {
    return this.watched;
  }

  /** 0–1: by events when the index gave a total, else by bytes of input read. */
  get progress(): number {
    if (this.driver.state.status === 'ended') return 1;
    const total = this.tape.totalEvents;
    if (total !== null && total > 0) return Math.min(1, this.driver.state.eventNumber / total);
    const bytes = this.source?.progress();
    return bytes && bytes.total > 0 ? Math.min(1, bytes.done / bytes.total) : 0;
  }

  play(): void {
    // During a jump, "play" means: play on from the target once there.
    if (this.afterSeek !== null) this.afterSeek = { ...this.afterSeek, resume: true };
    else this.driver.play();
  }

  pause(): void {
    this.cancelSeek();
    this.driver.pause();
  }

  step(): void {
    this.cancelSeek();
    this.driver.step();
  }

  setSpeed(speed: ReplaySpeedView): void {
    if (this.afterSeek !== null) {
      this.afterSeek = { ...this.afterSeek, speed };
      this.options.onChange();
    } else this.driver.setSpeed(speed);
  }

  /**
   * Moves so that the next event is the first at or after `tsUs`, keeping on playing if it was. The engine
   * must see every event in between (the "deterministic engine" principle), and the driver's own `jumpTo`
   * plays them all at once — on a long tape that would hold the core, and with it the live desk, for seconds.
   * So a jump forward plays at 'max' in the driver's ordinary short batches and pauses at the target (status
   * 'seeking' meanwhile); a jump backwards first has the driver start the tape over (a fresh session, nothing
   * played yet), then jumps forward the same way.
   */
  seek(requestedUs: number): void {
    // Before the first event means the start: at 1× the driver would otherwise wait out the gap.
    const tsUs = Math.max(requestedUs, this.tape.startUs ?? requestedUs);
    const before = this.driver.state;
    const resume = this.afterSeek?.resume ?? before.status === 'playing';
    const speed = this.afterSeek?.speed ?? before.speed;
    this.cancelSeek();
    if (this.driver.state.status === 'playing') this.driver.pause();
    // Backwards: the driver starts the tape over (a fresh session) and plays nothing yet.
    if (before.tapeTimeUs !== null && tsUs < before.tapeTimeUs) this.driver.jumpTo(this.tape.startUs ?? tsUs);
    const next = this.driver.state.nextEventUs;
    if (next === null || next >= tsUs) {
      // Nothing to play on the way: the driver only moves its tape clock.
      if (next !== null) this.driver.jumpTo(tsUs);
      if (resume) this.driver.play();
      return;
    }
    this.seekTarget = tsUs;
    this.afterSeek = { speed, resume };
    this.driver.setSpeed('max');
    this.driver.play();
  }

  /** Follows `symbol`'s replayed book from now on (its book so far is shown at once). */
  watch(symbol: string): void {
    this.watched = symbol;
    this.ladder = null;
    this.candles.track(symbol);
    this.ensureInBook(symbol);
    this.book.setInterest([symbol]);
    this.options.onChange();
  }

  /** The watched symbol's book: a fresh view when it changed since the last call, else the last one. */
  ladderView(): LadderView | null {
    const views = this.book.drainDirty();
    const view = views.find((candidate) => candidate.symbol === this.watched);
    if (view) this.ladder = view;
    return this.ladder;
  }

  /** The replay chart's bars and fills for the watched symbol; `replayKey` names this replay among others. */
  chart(replayKey: string, params: ReplayCandlesParams): ReplayCandlesView {
    const symbol = this.watched;
    const key = `${replayKey}:${this.restarts}:${symbol ?? ''}`;
    const instrument = symbol === null ? undefined : this.book.instrument(symbol);
    const tradedSymbols = this.account.tradedSymbols();
    if (symbol === null || instrument === undefined) return { key, candles: null, fills: [], tradedSymbols };
    return {
      key,
      tradedSymbols,
      candles: {
        symbol,
        interval: params.interval,
        series: candleSeriesKey(symbol, params.interval),
        candles: this.candles.candles(symbol, params.interval, params.from),
        priceDecimals: instrument.priceDecimals,
        tickUnits: instrument.tickUnits,
        timeZone: this.tape.timeZone,
      },
      fills: this.account.fillsOf(symbol, params.fillsFrom),
    };
  }

  accountView(): ReplayAccountView {
    return this.account.view();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelSeek();
    this.driver.close();
  }

  /** Called by the driver at the start and again for every jump backwards. */
  private openSource(): EventSource {
    const source = openSources([this.options.file], {
      format: this.options.format,
      timeZone: this.options.timeZone,
    });
    this.source = source;
    this.book = new MarketState([]);
    this.account = new ReplayAccountTally();
    this.candles = new CandleBuilder();
    this.restarts++;
    this.ladder = null;
    if (this.watched !== null) {
      this.candles.track(this.watched);
      this.ensureInBook(this.watched);
      this.book.setInterest([this.watched]);
    }
    return source;
  }

  private onEvent(event: RecordedEvent): void {
    if (isMarketEvent(event)) {
      this.ensureInBook(event.symbol);
      this.book.apply(event);
      // Until the trader picks one, the ladder follows the first symbol that shows a book.
      if (this.watched === null && (event.type === 'depth' || event.type === 'quote'))
        this.watch(event.symbol);
      this.candles.onEvent(event);
    }
    if (this.seekTarget !== null) this.checkSeek(this.seekTarget);
    this.options.onChange();
  }

  /** After each event of a jump: stop once the next event is at or past the target (or the tape ended). */
  private checkSeek(target: number): void {
    const next = this.driver.state.nextEventUs;
    if (next !== null && next < target) return;
    const after = this.afterSeek;
    this.seekTarget = null;
    this.afterSeek = null;
    if (next === null) {
      // The tape ended on the way: the driver ends the run itself right after this.
      if (after) this.driver.setSpeed(after.speed);
      return;
    }
    this.driver.pause();
    // Hold the tape clock at the target, as the driver's jumpTo does (never backwards: a tape with
    // out-of-order times may already be past it, and a jump back would restart the tape).
    const lastUs = this.driver.state.tapeTimeUs;
    if (lastUs === null || lastUs <= target) this.driver.jumpTo(target);
    if (after) this.driver.setSpeed(after.speed);
    // Resume only after the driver's current batch has returned: playing from inside its own
    // callback would leave two timers running.
    if (after?.resume)
      this.resumeTimer = this.options.scheduler.setTimer(0, () => {
        this.resumeTimer = null;
        this.driver.play();
      });
  }

  /** Stops a jump where it is (the trader paused, stepped or jumped elsewhere), restoring the speed. */
  private cancelSeek(): void {
    if (this.resumeTimer !== null) {
      this.options.scheduler.clearTimer(this.resumeTimer);
      this.resumeTimer = null;
    }
    const after = this.afterSeek;
    if (after === null) return;
    this.seekTarget = null;
    this.afterSeek = null;
    if (this.driver.state.status === 'playing') this.driver.pause();
    this.driver.setSpeed(after.speed);
  }

  /** The currency of the tape's money: its instruments' (a tape is one market); '' with none. */
  get currency(): string {
    const first = this.source?.instruments()[0];
    if (first === undefined) return '';
    return (this.book.instrument(first.symbol) ?? resolveInstrument(first.symbol, first)).currency;
  }

  private ensureInBook(symbol: string): void {
    if (this.book.instrument(symbol) !== undefined) return;
    const recorded = this.source?.instrument(symbol as Symbol);
    this.book.addInstrument(resolveInstrument(symbol as Symbol, recorded));
  }

  private describeTape(): ReplayTapeView {
    const source = this.source as EventSource;
    const meta = source.meta();
    const index = source instanceof RecordingSource ? source.reader.index() : null;
    // The zone the trader gave (the one the import was read in) wins over what the file says.
    const zone =
      this.options.timeZone ??
      (typeof meta?.timeZone === 'string' && meta.timeZone !== '' ? meta.timeZone : 'UTC');
    return {
      name: path.basename(this.options.file),
      format: source.format,
      preset: this.options.preset,
      seed: this.options.seed,
      timeZone: zone,
      day: typeof meta?.day === 'string' ? meta.day : null,
      startUs: this.driver.state.nextEventUs,
      endUs: index?.lastTs ?? null,
      totalEvents: index?.eventCount ?? null,
      symbols: source
        .instruments()
        .map((instrument) => instrument.symbol as string)
        .sort(),
    };
  }

  private sourceProblems(): string[] {
    const problems: string[] = [];
    for (const report of this.source?.reports() ?? []) {
      if (report.error !== null) problems.push(report.error.message);
      for (const problem of report.firstProblems.slice(0, 3))
        problems.push(`line ${problem.line}: ${problem.reason}`);
    }
    return problems;
  }
}
