import os from 'node:os';
import path from 'node:path';

/**
 * The OS user-data folder, matching what Electron's `app.getPath('userData')` gives for an app named
 * "Scalpdesk", so the desktop app and browser mode (`scalpdesk serve`) share settings and ledger.
 * `SCALPDESK_DATA_DIR` or `--data-dir` override it.
 */
export function defaultDataDir(): string {
  const fromEnv = process.env.SCALPDESK_DATA_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Scalpdesk');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Scalpdesk');
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Scalpdesk');
  }
}

export const settingsPath = (dataDir: string): string => path.join(dataDir, 'settings.json');
