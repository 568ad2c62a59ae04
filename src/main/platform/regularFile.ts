import fs from 'node:fs';

/** A file the command line refuses to read: missing, not a regular file, or too large. */
export class FileRefusedError extends Error {
  override name = 'FileRefusedError';
}

const MIB = 1024 * 1024;

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Checks, before opening, that `file` is a regular file of at most `maxBytes`. Opening a FIFO blocks
 * until a writer appears, and `/dev/zero` never ends: either would hang or grow memory without bound
 * (issue 10), so both are refused with a message instead. Returns the size.
 */
export function checkRegularFile(file: string, maxBytes?: number): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new FileRefusedError(`${file}: no such file`);
  if (!stat.isFile()) throw new FileRefusedError(`${file} is ${kindOf(stat)}; give a regular file`);
  if (maxBytes !== undefined && stat.size > maxBytes)
    throw new FileRefusedError(
      `${file} is ${(stat.size / MIB).toFixed(1)} MiB, more than the ${Math.round(maxBytes / MIB)} MiB this command reads`,
    );
  return stat.size;
}

/** A whole text file (UTF-8) that passes checkRegularFile. */
export function readTextFile(file: string, maxBytes: number): string {
  checkRegularFile(file, maxBytes);
  return fs.readFileSync(file, 'utf8');
}
