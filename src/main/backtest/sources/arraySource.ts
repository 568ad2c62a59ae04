import type { Symbol } from '../../../shared/domain/ids';
import type { RecordedEvent, RecordedInstrument, RecordingMeta } from '../../../shared/recording/events';
import type { EventSource, SourceReport } from './eventSource';

/** Events already in memory as a source: a session captured live for the parity check, tests, small imports. */
export class ArraySource implements EventSource {
  readonly format = 'rec' as const;
  private index = 0;
  private readonly known: Map<string, RecordedInstrument>;

  constructor(
    private readonly events: readonly RecordedEvent[],
    instruments: readonly RecordedInstrument[] = [],
    readonly file = '(memory)',
  ) {
    this.known = new Map(instruments.map((instrument) => [instrument.symbol, instrument]));
    // Symbols without a definition get the recording default (2 decimals), as a writer would give them.
    for (const event of events)
      if (!this.known.has(event.symbol))
        this.known.set(event.symbol, { symbol: event.symbol, priceDecimals: 2, tickUnits: 1 });
  }

  next(): RecordedEvent | null {
    return this.index < this.events.length ? this.events[this.index++] : null;
  }

  instrument(symbol: Symbol): RecordedInstrument | undefined {
    return this.known.get(symbol);
  }

  instruments(): readonly RecordedInstrument[] {
    return [...this.known.values()];
  }

  meta(): RecordingMeta | undefined {
    return undefined;
  }

  progress(): { done: number; total: number } {
    return { done: this.index, total: this.events.length };
  }

  reports(): SourceReport[] {
    return [
      {
        file: this.file,
        format: this.format,
        events: this.index,
        rows: 0,
        skippedRows: 0,
        firstProblems: [],
        error: null,
      },
    ];
  }

  close(): void {}
}
