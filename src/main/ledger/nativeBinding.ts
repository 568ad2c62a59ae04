import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native addon compiled for one ABI. `npm install` builds it for Node (tests,
 * `scalpdesk serve`); Electron's main process needs a build for Electron's ABI, which `npm start`
 * places at out/native/electron-<version>/better_sqlite3.node (scripts/start.cjs). A packaged app
 * (electron-builder rebuilds node_modules for Electron) needs no override.
 */
export function sqliteNativeBinding(outDir: string): string | undefined {
  const electronVersion = process.versions.electron;
  if (!electronVersion) return undefined;
  const candidate = path.join(outDir, 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
  return fs.existsSync(candidate) ? candidate : undefined;
}
