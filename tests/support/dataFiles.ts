import fs from 'node:fs';
import path from 'node:path';

/** Every file under a folder (a data folder: settings, ledger, recordings, token). */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** The files whose bytes contain `secret` (a SQLite page, a recording block, JSON alike). */
export function filesContaining(files: readonly string[], secret: string): string[] {
  const needle = Buffer.from(secret);
  return files.filter((file) => fs.readFileSync(file).includes(needle));
}
