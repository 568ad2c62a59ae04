import type { Symbol } from '../../../shared/domain/ids';
import type { TimestampUs } from '../../../shared/domain/time';
import { buildOptionsContext } from '../../../shared/options/buildContext';
import { ChainImportError } from '../../../shared/options/importers/chainImport';
import { importNseOptionChain } from '../../../shared/options/importers/nseOptionChain';
import type {
  OptionsContextEvent,
  RecordedEvent,
  RecordedInstrument,
  RecordingMeta,
} from '../../../shared/recording/events';
import { readTextFile } from '../../platform/regularFile';
import type { EventSource, SourceReport } from '../sources/eventSource';

export interface NseChainOptions {
  /** Expiry to summarise (DD-Mon-YYYY or YYYY-MM-DD); the nearest in the file by default. */
  readonly expiry?: string;
  /** Lot size, so GEX is in currency (NSE OI counts contracts). */
  readonly contractMultiplier?: number;
}

export class NseChainImportError extends Error {
  override name = 'NseChainImportError';
}

/**
 * One NSE option-chain snapshot (the NSE website's option-chain API JSON) as one options-context event
 * at the snapshot's own time (`records.timestamp`, IST), built with the chain analytics of
 * src/shared/options — the same summary the live engine is pushed every 30–60 s. Several snapshots of
 * a day given together with a tape merge into it by time.
 */
/** An option chain snapshot is a few MiB; anything far larger is not one (and is not read into memory). */
export const CHAIN_FILE_LIMIT_BYTES = 64 * 1024 * 1024;

export class NseChainSource implements EventSource {
  readonly format = 'nse-chain' as const;
  private event: OptionsContextEvent | null;
  private events = 0;
  private readonly size: number;

  constructor(
    readonly file: string,
    options: NseChainOptions = {},
  ) {
    const text = readTextFile(file, CHAIN_FILE_LIMIT_BYTES);
    this.size = text.length;
    try {
      const { snapshot } = importNseOptionChain(text, {
        expiry: options.expiry,
        contractMultiplier: options.contractMultiplier,
      });
      const context = buildOptionsContext(snapshot, { nowUs: snapshot.timestampUs });
      this.event = {
        type: 'optionsContext',
        symbol: snapshot.underlying as Symbol,
        tsEvent: snapshot.timestampUs as TimestampUs,
        context,
      };
    } catch (error) {
      if (error instanceof ChainImportError) throw new NseChainImportError(`${file}: ${error.message}`);
      throw error;
    }
  }

  next(): RecordedEvent | null {
    const event = this.event;
    this.event = null;
    if (event !== null) this.events++;
    return event;
  }

  instrument(): RecordedInstrument | undefined {
    return undefined;
  }

  instruments(): readonly RecordedInstrument[] {
    return [];
  }

  meta(): RecordingMeta | undefined {
    return { source: `import:nse-chain:${this.file}` };
  }

  progress(): { done: number; total: number } {
    return { done: this.event === null ? this.size : 0, total: this.size };
  }

  reports(): SourceReport[] {
    return [
      {
        file: this.file,
        format: this.format,
        events: this.events,
        rows: 1,
        skippedRows: 0,
        firstProblems: [],
        error: null,
      },
    ];
  }

  close(): void {}
}
