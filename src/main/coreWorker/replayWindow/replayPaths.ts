import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';

/**
 * What a window may open for replay (docs/api.md, "replay"): the name of a file in the recordings
 * folder (`2026-11-24.sdrec`), or an absolute path to a file that exists and is a regular file (an
 * import: CSV ticks, a LOBSTER message or orderbook file, a recording copied elsewhere). Relative
 * paths are refused: relative to what would depend on how the app was started. Directories, devices
 * and sockets are refused, so a window cannot make the core block on a FIFO or read /dev/zero.
 * Anything refused is a BAD_REQUEST naming the `path` field; nothing is opened.
 */
export function resolveReplayPath(input: string, recordingsDir: string): string {
  const bad = (message: string): ApiError => new ApiError('BAD_REQUEST', `path: ${message}`, 'path');
  const isBareName = !input.includes('/') && !input.includes('\\');
  let file: string;
  if (isBareName) {
    if (input === '.' || input === '..') throw bad(`"${input}" is not a recording name`);
    file = path.join(recordingsDir, input);
  } else if (path.isAbsolute(input)) {
    file = path.normalize(input);
  } else {
    throw bad(
      `"${input}" is relative; give the name of a recording in ${recordingsDir} or an absolute path to a file`,
    );
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw bad(
      isBareName
        ? `no recording named "${input}" in ${recordingsDir}`
        : `${file} does not exist (or cannot be read)`,
    );
  }
  if (!stat.isFile()) throw bad(`${file} is not a regular file`);
  return file;
}
