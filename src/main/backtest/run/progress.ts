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
    const rate = seconds > 0 ? Math.round(events / seconds) : 0;
    const label = this.options.label ?? 'replay';
    if (this.options.isTty) {
      const width = 30;
      const filled = Math.round(clamped * width);
      this.options.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}%  ${events.toLocaleString('en-US')} ${this.unit}  ${rate.toLocaleString('en-US')}/s`,
      );
      this.drewBar = true;
    } else {
      this.options.write(`${label}: ${percent}% ${events} ${this.unit} (${rate}/s)\n`);
    }
  }
}

/**
 * The command line's progress on stderr (none with `--no-progress`): a bar when stderr is a terminal,
 * plain lines otherwise.
 */
export function stderrProgress(
  enabled: boolean,
  write: (text: string) => void,
  labels: Pick<ProgressOptions, 'label' | 'unit'> = {},
): ProgressReporter | undefined {
  if (!enabled) return undefined;
  return new ProgressReporter({
    write,
    isTty: process.stderr.isTTY === true,
    now: () => performance.now(),
    ...labels,
  });
}
