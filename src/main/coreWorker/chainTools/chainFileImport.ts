import type { ChainImportParams } from '../../../shared/api/chainSchemas';
import { ApiError } from '../../../shared/api/errors';
import type { ChainSnapshot } from '../../../shared/options/chain/snapshot';
import { ChainImportError } from '../../../shared/options/importers/chainImport';
import { importCsvChain } from '../../../shared/options/importers/csvChain';
import { importNseOptionChainExpiries } from '../../../shared/options/importers/nseOptionChain';

/** An imported chain file: one snapshot per expiry, ascending. */
export interface ImportedChain {
  readonly name: string;
  readonly snapshots: readonly ChainSnapshot[];
}

/** Every expiry of a CSV chain: the importer is asked once per expiry the file lists (CSV chains are small). */
function importCsvExpiries(text: string): ChainSnapshot[] {
  const first = importCsvChain(text);
  return first.expiries.map((expiry) =>
    expiry === first.snapshot.expiry ? first.snapshot : importCsvChain(text, { expiry }).snapshot,
  );
}

/** Reads a chain file's text by its name: `.csv` as a CSV chain, anything else as NSE option-chain JSON. */
export function parseChainFile(name: string, text: string): ImportedChain {
  try {
    const snapshots = name.toLowerCase().endsWith('.csv')
      ? importCsvExpiries(text)
      : importNseOptionChainExpiries(text);
    return { name, snapshots };
  } catch (error) {
    if (error instanceof ChainImportError)
      throw new ApiError('BAD_REQUEST', `${name}: ${error.message}`, 'content');
    throw error;
  }
}

/**
 * Puts a file together from the parts the window sends (each under the transport's message limit).
 * One upload at a time: part 0 starts a new one, every later part must be the next in order.
 */
export class ChainFileAssembler {
  private pending: { name: string; parts: number; received: string[] } | null = null;

  /** The whole text once the last part arrived, else null. */
  add(params: ChainImportParams): string | null {
    const { name, part, parts, content } = params;
    if (part === 0) this.pending = { name, parts, received: [] };
    const pending = this.pending;
    if (
      pending === null ||
      pending.name !== name ||
      pending.parts !== parts ||
      pending.received.length !== part
    ) {
      const expected = pending ? `part ${pending.received.length} of ${pending.name}` : 'part 0 of a file';
      this.pending = null;
      throw new ApiError(
        'BAD_REQUEST',
        `got part ${part} of ${name}, expected ${expected}; send the file again from part 0`,
        'part',
      );
    }
    pending.received.push(content);
    if (pending.received.length < parts) return null;
    this.pending = null;
    return pending.received.join('');
  }
}
