import type { Symbol } from '../../../shared/domain/ids';
import type { RecordedEvent, RecordedInstrument, RecordingMeta } from '../../../shared/recording/events';
import { RecordingReader } from '../recording/reader';
import type { EventSource, SourceReport } from './eventSource';

/** A binary recording as an event source. A damaged file ends the source early and says where in `report().error`. */
export class RecordingSource implements EventSource {
  readonly format = 'rec' as const;
  readonly reader: RecordingReader;
  private events = 0;
  private all: RecordedInstrument[] | undefined;
  /** Whether the file had its footer, taken before the file is closed. */
  private cleanClose: boolean | undefined;

  constructor(readonly file: string) {
    this.reader = RecordingReader.open(file);
  }

  next(): RecordedEvent | null {
    const event = this.reader.next();
    if (event !== null) this.events++;
    return event;
  }

  /** Positions at the first event with tsEvent ≥ `tsUs` (used by the replay driver when nothing downstream keeps state). */
  seekToTime(tsUs: number): void {
    this.reader.seekToTime(tsUs);
  }

  instrument(symbol: Symbol): RecordedInstrument | undefined {
    return (
      this.reader.instruments.find((instrument) => instrument?.symbol === symbol) ??
      this.all?.find((instrument) => instrument.symbol === symbol)
    );
  }

  /** From the index (the footer, or one scan of a file that was not closed cleanly). */
  instruments(): readonly RecordedInstrument[] {
    if (this.all === undefined)
      this.all = this.reader.index().instruments.filter((instrument) => instrument !== undefined);
    return this.all;
  }

  meta(): RecordingMeta | undefined {
    return this.reader.meta;
  }

  reports(): SourceReport[] {
    const problem = this.reader.problem;
    return [
      {
        file: this.file,
        format: this.format,
        events: this.events,
        rows: 0,
        skippedRows: 0,
        firstProblems: [],
        error:
          problem === null
            ? null
            : { message: problem.message, offset: problem.offset, recordNumber: problem.recordNumber },
        ...(problem === null && this.reader.done && !(this.cleanClose ?? this.reader.closedCleanly())
          ? {
              warning: `${this.file}: not closed cleanly (no index footer); replayed up to its last complete record`,
            }
          : {}),
      },
    ];
  }

  progress(): { done: number; total: number } {
    return { done: this.reader.position.offset, total: this.reader.fileSize };
  }

  close(): void {
    if (this.reader.done && this.reader.problem === null && this.cleanClose === undefined)
      this.cleanClose = this.reader.closedCleanly();
    this.reader.close();
  }
}
