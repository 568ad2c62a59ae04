import type { Symbol } from '../../shared/domain/ids';
import type { RecordedEvent } from '../../shared/recording/events';
import { TapeStatistics } from './analysis/tapeStats';
import { buildReport, type ReplayReport } from './run/report';
import type { EventSource } from './sources/eventSource';
import type { ReplaySession, ReplaySessionFactory } from './session/replaySession';
import type { ReplayScheduler, TimerHandle } from './replayScheduler';

/** Playback speeds the replay window offers; 'max' is as fast as the engine goes. */
export const REPLAY_SPEEDS = [1, 2, 5, 10, 60, 'max'] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

export type ReplayStatus = 'ready' | 'playing' | 'paused' | 'ended';

export interface ReplayState {
  readonly status: ReplayStatus;
  readonly speed: ReplaySpeed;
  /** Events played so far. */
  readonly eventNumber: number;
  /** Tape time of the last event played (null before the first). */
  readonly tapeTimeUs: number | null;
  /** Tape time of the next event (null at the end). */
  readonly nextEventUs: number | null;
}

export interface ReplayListener {
  onEvent?(event: RecordedEvent): void;
  onState?(state: ReplayState): void;
  /** Once, when the tape runs out: the same report `scalpdesk replay` writes. */
  onEnd?(report: ReplayReport): void;
}

export interface ReplayDriverOptions {
  /** Opens the tape from its start (called again to jump backwards). */
  readonly open: () => EventSource;
  /**
   * What trades on the tape: the engine and the paper broker on a replay account (orders carry source
   * 'replay', so they never mix with live or paper positions). Absent: the tape plays alone.
   */
  readonly sessionFactory?: ReplaySessionFactory;
  readonly seed?: number;
  readonly presetName?: string;
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly scheduler: ReplayScheduler;
  /** Events handled per timer callback at 'max' speed (and when catching up), so pause stays responsive. */
  readonly batchSize?: number;
  /**
   * Gaps in the tape longer than this (µs of tape time) are not waited out at 1×–60×: overnight between
   * two days, or a halt. Default 60 s.
   */
  readonly maxGapUs?: number;
}

/**
 * Plays a tape into the engine and to listeners (the ladder and chart follow the replay through
 * them): play, pause, step one event, jump to a time, six speeds. All timing goes through the
 * injected scheduler; the event order and everything the engine sees are independent of it, so a
 * run at 1× and at max give the same decisions.
 *
 * Jumping forward plays the events in between at full speed (the engine must see every event to be in
 * the state it would be); jumping backwards starts over from the beginning of the tape with a fresh
 * session, then plays forward. With no session a recording seeks by its index instead.
 */
export class ReplayDriver {
  private source: EventSource;
  private session: ReplaySession | null = null;
  private statistics = new TapeStatistics();
  private next: RecordedEvent | null;
  private status: ReplayStatus = 'ready';
  private speed: ReplaySpeed = 1;
  private played = 0;
  private lastTs: number | null = null;
  private timer: TimerHandle | null = null;
  /** Wall time and tape time that correspond, for paced playback. */
  private anchorWallMs = 0;
  private anchorTapeUs = 0;
  /** Tape clock while not playing: where playback resumes from (null: at the next event). */
  private heldTapeUs: number | null = null;
  private readonly listeners = new Set<ReplayListener>();
  private finalReport: ReplayReport | null = null;
  private readonly batchSize: number;
  private readonly maxGapUs: number;

  constructor(private readonly options: ReplayDriverOptions) {
    this.batchSize = options.batchSize ?? 5000;
    this.maxGapUs = options.maxGapUs ?? 60_000_000;
    this.source = options.open();
    this.session = this.createSession();
    this.next = this.source.next();
  }

  get state(): ReplayState {
    return {
      status: this.status,
      speed: this.speed,
      eventNumber: this.played,
      tapeTimeUs: this.lastTs,
      nextEventUs: this.next?.tsEvent ?? null,
    };
  }

  /** The session trading on the tape (engine + paper broker), for the windows that show its positions. */
  get currentSession(): ReplaySession | null {
    return this.session;
  }

  /** The end-of-tape report, once ended. */
  get report(): ReplayReport | null {
    return this.finalReport;
  }

  subscribe(listener: ReplayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  play(): void {
    if (this.status === 'ended' || this.status === 'playing') return;
    this.status = 'playing';
    this.anchor();
    this.emitState();
    this.schedule(0);
  }

  pause(): void {
    if (this.status !== 'playing') return;
    this.heldTapeUs = this.tapeClockUs();
    this.cancelTimer();
    this.status = 'paused';
    this.emitState();
  }

  /** Plays exactly one event (pausing first if playing). Returns it, or null at the end. */
  step(): RecordedEvent | null {
    if (this.status === 'playing') this.pause();
    const event = this.playOne();
    this.heldTapeUs = this.lastTs;
    if (event !== null && this.status === 'ready') this.status = 'paused';
    if (this.status !== 'ended') this.emitState();
    return event;
  }

  setSpeed(speed: ReplaySpeed): void {
    if (!REPLAY_SPEEDS.includes(speed))
      throw new RangeError(`speed must be one of ${REPLAY_SPEEDS.join(', ')}`);
    if (this.status === 'playing') {
      this.heldTapeUs = this.tapeClockUs();
      this.speed = speed;
      this.cancelTimer();
      this.anchor();
      this.schedule(0);
    }
    this.speed = speed;
    this.emitState();
  }

  /** Moves so that the next event is the first with tsEvent ≥ `tsUs`; keeps playing if it was. */
  jumpTo(tsUs: number): void {
    const wasPlaying = this.status === 'playing';
    this.cancelTimer();
    const seekable = this.session === null && 'seekToTime' in this.source;
    if (this.lastTs !== null && tsUs < this.lastTs && !seekable) this.restart();
    if (seekable) {
      (this.source as EventSource & { seekToTime(ts: number): void }).seekToTime(tsUs);
      this.next = this.source.next();
      this.statistics = new TapeStatistics();
    } else {
      while (this.next !== null && this.next.tsEvent < tsUs) this.playOne();
    }
    if (this.next === null) {
      if (this.status !== 'ended') this.end();
      return;
    }
    this.heldTapeUs = tsUs;
    this.status = wasPlaying ? 'playing' : 'paused';
    if (wasPlaying) {
      this.anchor();
      this.schedule(0);
    }
    this.emitState();
  }

  close(): void {
    this.cancelTimer();
    this.source.close();
  }

  private createSession(): ReplaySession | null {
    const factory = this.options.sessionFactory;
    if (factory === undefined) return null;
    const source = this.source;
    return factory({
      instrument: (symbol: Symbol) => source.instrument(symbol),
      instruments: source.instruments(),
      seed: this.options.seed ?? 1,
      presetName: this.options.presetName ?? 'Balanced',
      overrides: this.options.overrides ?? {},
      meta: source.meta(),
    });
  }

  private restart(): void {
    this.source.close();
    this.source = this.options.open();
    this.session = this.createSession();
    this.statistics = new TapeStatistics();
    this.next = this.source.next();
    this.played = 0;
    this.lastTs = null;
    this.heldTapeUs = null;
    this.finalReport = null;
  }

  private playOne(): RecordedEvent | null {
    const event = this.next;
    if (event === null) {
      if (this.status !== 'ended') this.end();
      return null;
    }
    this.statistics.observe(event);
    this.session?.onEvent(event);
    this.played++;
    this.lastTs = event.tsEvent;
    this.next = this.source.next();
    for (const listener of this.listeners) listener.onEvent?.(event);
    if (this.next === null) this.end();
    return event;
  }

  /** Sets the wall/tape correspondence from now and the held tape clock. */
  private anchor(): void {
    this.anchorWallMs = this.options.scheduler.now();
    this.anchorTapeUs = this.heldTapeUs ?? this.next?.tsEvent ?? this.lastTs ?? 0;
    this.heldTapeUs = null;
  }

  /** Tape time now: advancing with wall time while playing, held otherwise; never past the next event. */
  private tapeClockUs(): number {
    const next = this.next?.tsEvent ?? Infinity;
    if (this.status !== 'playing' || this.speed === 'max')
      return Math.min(this.heldTapeUs ?? this.lastTs ?? 0, next);
    return Math.min(
      this.anchorTapeUs + (this.options.scheduler.now() - this.anchorWallMs) * 1000 * this.speed,
      next,
    );
  }

  /** Wall time (ms) at which the next event is due at the current speed. */
  private dueMs(event: RecordedEvent): number {
    if (this.speed === 'max') return -Infinity;
    return this.anchorWallMs + (event.tsEvent - this.anchorTapeUs) / 1000 / this.speed;
  }

  private schedule(delayMs: number): void {
    this.timer = this.options.scheduler.setTimer(delayMs, () => {
      this.timer = null;
      this.tick();
    });
  }

  private tick(): void {
    if (this.status !== 'playing') return;
    const now = this.options.scheduler.now();
    let handled = 0;
    while (this.next !== null && handled < this.batchSize) {
      const next = this.next;
      // A long gap (overnight, a halt) is skipped rather than waited out: re-anchor on the next event.
      if (this.speed !== 'max' && this.lastTs !== null && next.tsEvent - this.lastTs > this.maxGapUs) {
        this.anchorWallMs = now;
        this.anchorTapeUs = next.tsEvent;
      }
      if (this.dueMs(next) > now) break;
      this.playOne();
      handled++;
      if (this.status !== 'playing') return;
    }
    if (this.next === null) return;
    this.emitState();
    const wait = handled >= this.batchSize ? 0 : Math.max(0, this.dueMs(this.next) - now);
    this.schedule(wait);
  }

  private end(): void {
    this.cancelTimer();
    this.status = 'ended';
    const source = this.source;
    this.finalReport = buildReport(
      {
        tape: this.statistics.summary((symbol) => source.instrument(symbol as Symbol)),
        priceSeries: this.statistics.priceSeries((symbol) => source.instrument(symbol as Symbol)),
        sources: source.reports(),
        session: this.session?.finish() ?? null,
        seed: this.options.seed ?? 1,
      },
      (symbol) => source.instrument(symbol as Symbol),
    );
    this.emitState();
    for (const listener of this.listeners) listener.onEnd?.(this.finalReport);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.options.scheduler.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private emitState(): void {
    const state = this.state;
    for (const listener of this.listeners) listener.onState?.(state);
  }
}
