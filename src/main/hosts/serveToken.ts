import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The browser-mode token's file in the data folder: readable by its owner only (0600). */
export const SERVE_TOKEN_FILE = 'serve-token';
const TOKEN_PATTERN = /^[0-9a-f]{32}$/;

/**
 * The `scalpdesk serve` token of this data folder: read from `<dataDir>/serve-token`, or created there
 * (128 random bits, mode 0600) on first use. It survives a restart of the host on the same folder, so
 * an open page reconnects by itself instead of dying on a new token (issue 11). Deleting the file
 * makes the next start issue a new one, which logs out every page that held the old one.
 */
export function loadOrCreateServeToken(dataDir: string): string {
  const file = path.join(dataDir, SERVE_TOKEN_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const saved = fs.readFileSync(file, 'utf8').trim();
    if (TOKEN_PATTERN.test(saved)) {
      // A file copied in with looser rights is tightened, not trusted as is.
      if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
      return saved;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = crypto.randomBytes(16).toString('hex');
  // Written aside and renamed, so a crash mid-write never leaves a half token that locks pages out.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${token}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return token;
}
