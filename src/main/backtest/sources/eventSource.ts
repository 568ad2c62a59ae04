import type { Symbol } from '../../../shared/domain/ids';
import type { RecordedEvent, RecordedInstrument, RecordingMeta } from '../../../shared/recording/events';

export type SourceFormat = 'rec' | 'csv' | 'lobster' | 'nse-chain';

/** One bad row of an import: where it is and why it was skipped. */
export interface ImportProblem {
  readonly file: string;
  /** 1-based line number in `file`. */
  readonly line: number;
  readonly reason: string;
}

/** What a source read, skipped and stopped at; printed in the replay summary and report. */
export interface SourceReport {
  readonly file: string;
  readonly format: SourceFormat;
  readonly events: number;
  /** Rows read from a text import (0 for recordings). */
  readonly rows: number;
  /** Rows skipped because they could not be read. Never silent: counted here and the first few listed. */
  readonly skippedRows: number;
  readonly firstProblems: readonly ImportProblem[];
  /** Set when the source stopped before the end of its file (a damaged recording); events before it were replayed. */
  readonly error: {
    readonly message: string;
    readonly offset?: number;
    readonly recordNumber?: number;
    readonly line?: number;
  } | null;
  /** Something to know that is not an error (a recording whose writer did not close it). */
  readonly warning?: string;
}

/**
 * A pull stream of tape events: a recording, an import, or several merged. Pull (not push) so the
 * replay driver can step one event at a time and the CLI can run as fast as the engine allows.
 */
export interface EventSource {
  readonly file: string;
  readonly format: SourceFormat;
  /** The next event in tape order, or null at the end. */
  next(): RecordedEvent | null;
  /** What is known about a symbol (price decimals at least); undefined for a symbol not seen yet. */
  instrument(symbol: Symbol): RecordedInstrument | undefined;
  /**
   * Every instrument the whole tape holds, not only those read so far (the engine lists its option
   * chain up front). May read ahead (a recording's index, a CSV's symbol column) on the first call.
   */
  instruments(): readonly RecordedInstrument[];
  meta(): RecordingMeta | undefined;
  /** Bytes of input consumed and in total, for a progress bar. */
  progress(): { readonly done: number; readonly total: number };
  /** One report per file read (a merge has several). */
  reports(): readonly SourceReport[];
  close(): void;
}

export const MAX_LISTED_PROBLEMS = 10;

/** Counts bad rows and keeps the first few, so a bad file is reported without flooding the terminal. */
export class ProblemLog {
  count = 0;
  readonly first: ImportProblem[] = [];

  constructor(private readonly file: string) {}

  add(line: number, reason: string): void {
    this.count++;
    if (this.first.length < MAX_LISTED_PROBLEMS) this.first.push({ file: this.file, line, reason });
  }

  /** The report of an importer that read `rows` rows of this file into `events` events. */
  report(format: SourceReport['format'], counts: { events: number; rows: number }): SourceReport {
    return {
      file: this.file,
      format,
      events: counts.events,
      rows: counts.rows,
      skippedRows: this.count,
      firstProblems: this.first,
      error: null,
    };
  }
}
