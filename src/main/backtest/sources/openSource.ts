import fs from 'node:fs';
import path from 'node:path';
import { FILE_EXTENSION, MAGIC } from '../../../shared/recording/format';
import { checkRegularFile, FileRefusedError } from '../../platform/regularFile';
import { CsvTickSource } from '../import/csvTicks';
import { isLobsterFileName, LobsterSource, lobsterFilesFor } from '../import/lobster';
import { NseChainSource } from '../import/nseChain';
import type { EventSource, SourceFormat } from './eventSource';
import { MergeSource } from './mergeSource';
import { RecordingSource } from './recordingSource';

export interface OpenSourceOptions {
  /** Forces a format; otherwise detected from the file's first bytes and name. */
  readonly format?: SourceFormat;
  /** Zone for naive CSV timestamps; the exchange zone for LOBSTER (default America/New_York). */
  readonly timeZone?: string;
  readonly priceDecimals?: number;
  readonly symbol?: string;
  /** NSE chain snapshots: the expiry to summarise and the lot size. */
  readonly expiry?: string;
  readonly contractMultiplier?: number;
}

export class SourceOpenError extends Error {
  override name = 'SourceOpenError';
}

/** Recording magic first (a renamed recording is still a recording), then LOBSTER's file-name pattern, then CSV. */
export function detectFormat(file: string): SourceFormat {
  const head = Buffer.alloc(MAGIC.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (MAGIC.every((byte, i) => head[i] === byte) || file.endsWith(FILE_EXTENSION)) return 'rec';
  if (isLobsterFileName(file)) return 'lobster';
  if (path.extname(file).toLowerCase() === '.json') return 'nse-chain';
  return 'csv';
}

/** A replay source must be a regular file: a FIFO would block the open, a device never end. */
function requireRegularFile(file: string): void {
  try {
    checkRegularFile(file);
  } catch (error) {
    if (error instanceof FileRefusedError) throw new SourceOpenError(error.message);
    throw error;
  }
}

export function openOneSource(file: string, options: OpenSourceOptions = {}): EventSource {
  requireRegularFile(file);
  const format = options.format ?? detectFormat(file);
  switch (format) {
    case 'rec':
      return new RecordingSource(file);
    case 'lobster':
      return new LobsterSource(lobsterFilesFor(file), { timeZone: options.timeZone, symbol: options.symbol });
    case 'csv':
      return new CsvTickSource(file, {
        timeZone: options.timeZone,
        priceDecimals: options.priceDecimals,
        symbol: options.symbol,
      });
    case 'nse-chain':
      return new NseChainSource(file, {
        expiry: options.expiry,
        contractMultiplier: options.contractMultiplier,
      });
  }
}

/**
 * Opens the files of one replay. A LOBSTER pair may be given as both files or either one (each pair
 * is read once); several files are merged by time.
 */
export function openSources(files: readonly string[], options: OpenSourceOptions = {}): EventSource {
  const seenLobsterPairs = new Set<string>();
  const sources: EventSource[] = [];
  try {
    for (const file of files) {
      requireRegularFile(file);
      const format = options.format ?? detectFormat(file);
      if (format === 'lobster') {
        const pair = lobsterFilesFor(file).messageFile;
        if (seenLobsterPairs.has(pair)) continue;
        seenLobsterPairs.add(pair);
      }
      sources.push(openOneSource(file, { ...options, format }));
    }
  } catch (error) {
    for (const source of sources) source.close();
    throw error;
  }
  if (sources.length === 0) throw new SourceOpenError('no input files');
  return sources.length === 1 ? sources[0] : new MergeSource(sources);
}
