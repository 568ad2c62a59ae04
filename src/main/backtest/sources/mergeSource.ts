import type { Symbol } from '../../../shared/domain/ids';
import type { RecordedEvent, RecordedInstrument, RecordingMeta } from '../../../shared/recording/events';
import type { EventSource, SourceFormat, SourceReport } from './eventSource';

/**
 * Several sources as one tape, merged by tsEvent; on equal times the source given first goes first,
 * so the merge is deterministic. Consecutive days given as separate files come out in order, and
 * instruments recorded in separate files interleave as they happened.
 */
export class MergeSource implements EventSource {
  readonly format: SourceFormat;
  readonly file: string;
  private readonly heads: (RecordedEvent | null)[];

  constructor(readonly sources: readonly EventSource[]) {
    if (sources.length === 0) throw new Error('nothing to merge');
    this.file = sources.map((source) => source.file).join(', ');
    this.format = sources[0].format;
    this.heads = sources.map((source) => source.next());
  }

  next(): RecordedEvent | null {
    const heads = this.heads;
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head !== null && (best === -1 || head.tsEvent < (heads[best] as RecordedEvent).tsEvent)) best = i;
    }
    if (best === -1) return null;
    const event = heads[best];
    heads[best] = this.sources[best].next();
    return event;
  }

  instrument(symbol: Symbol): RecordedInstrument | undefined {
    for (const source of this.sources) {
      const found = source.instrument(symbol);
      if (found) return found;
    }
    return undefined;
  }

  instruments(): readonly RecordedInstrument[] {
    const bySymbol = new Map<string, RecordedInstrument>();
    for (const source of this.sources)
      for (const instrument of source.instruments())
        if (!bySymbol.has(instrument.symbol)) bySymbol.set(instrument.symbol, instrument);
    return [...bySymbol.values()];
  }

  meta(): RecordingMeta | undefined {
    return this.sources[0].meta();
  }

  reports(): SourceReport[] {
    return this.sources.flatMap((source) => source.reports());
  }

  progress(): { done: number; total: number } {
    let done = 0;
    let total = 0;
    for (const source of this.sources) {
      const progress = source.progress();
      done += progress.done;
      total += progress.total;
    }
    return { done, total };
  }

  close(): void {
    for (const source of this.sources) source.close();
  }
}
