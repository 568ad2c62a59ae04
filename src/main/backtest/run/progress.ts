/**
 * Progress of a long replay on stderr: a redrawn bar on a terminal, a plain line every few seconds
 * otherwise (CI logs, pipes). Wall time is only used here and never reaches a report, which must stay
 * byte-identical between runs.
 */
export interface ProgressOptions {
  readonly write: (text: string) => void;
  readonly isTty: boolean;
  readonly now: () => number;
  /** Redraw interval on a terminal (ms). */
  readonly ttyIntervalMs?: number;
  /** Interval of plain lines otherwise (ms). */
  readonly lineIntervalMs?: number;
  readonly label?: string;
  /** What is counted (default 'events'). */
  readonly unit?: string;
}

export class ProgressReporter {
  private lastDraw: number;
  private readonly started: number;
  private drewBar = false;
  private readonly unit: string;

  constructor(private readonly options: ProgressOptions) {
    this.started = options.now();
    this.unit = options.unit ?? 'events';
    this.lastDraw = this.started;
  }

  /** Call often; draws only when the interval has passed. `fraction` in [0, 1]. */
  update(fraction: number, events: number): void {
    const now = this.options.now();
    const interval = this.options.isTty
      ? (this.options.ttyIntervalMs ?? 100)
      : (this.options.lineIntervalMs ?? 5000);
    if (now - this.lastDraw < interval) return;
    this.lastDraw = now;
    this.draw(fraction, events, now);
  }

  /** Clears the bar (terminal) so the summary that follows starts on a clean line. */
  done(events: number): void {
    if (this.options.isTty && this.drewBar) this.options.write('\r\x1b[K');
    const seconds = (this.options.now() - this.started) / 1000;
    if (seconds >= 1)
      this.options.write(
        `${this.options.label ?? 'replay'}: ${events.toLocaleString('en-US')} ${this.unit} in ${seconds.toFixed(1)} s\n`,
      );
  }

  private draw(fraction: number, events: number, now: number): void {
    const clamped = Math.max(0, Math.min(1, fraction));
    const percent = (clamped * 100).toFixed(1).padStart(5);
    const seconds = (now - this.started) / 1000;
    const rate = formatRate(seconds > 0 ? events / seconds : 0);
    const eta =
      clamped > 0 && clamped < 1 ? ` ETA ${formatDuration((seconds * (1 - clamped)) / clamped)}` : '';
    const label = this.options.label ?? 'replay';
    if (this.options.isTty) {
      const width = 30;
      const filled = Math.round(clamped * width);
      this.options.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}%  ${events.toLocaleString('en-US')} ${this.unit}  ${rate}/s${eta}\x1b[K`,
      );
      this.drewBar = true;
    } else {
      this.options.write(`${label}: ${percent}% ${events} ${this.unit} (${rate}/s)${eta}\n`);
    }
  }
}

/** Whole numbers from 10 a second up; below that two significant decimals, so a slow unit (replays) never reads 0/s. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 10) return Math.round(perSecond).toLocaleString('en-US');
  if (perSecond >= 1) return perSecond.toFixed(1);
  return perSecond.toFixed(2);
}

/** 42 s, 3 m 05 s, 1 h 02 m. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} m ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')} m`;
}
