import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from './settings';

/**
 * A fault that stops the workstation from starting: bad settings, a damaged data folder or ledger. It
 * is never retried (retrying cannot repair a file) — the host prints its one-line message, which names
 * the cause and the file or setting to fix, and exits non-zero (issue 10 item 5). README.md
 * "Troubleshooting" lists every message.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Where the day recorder writes and the replay window reads (under the data folder). */
export const recordingsPath = (dataDir: string): string => path.join(dataDir, 'recordings');

/** A settings value as the trader wrote it, for messages (`market.exchangeUrl "foo"`). */
const quoted = (value: string): string => JSON.stringify(value);

/** The URL of an external exchange/feed: empty (the built-in exchange) or ws:// / wss:// with a host. */
export function exchangeUrlProblem(exchangeUrl: string): string | null {
  if (exchangeUrl === '') return null;
  let url: URL;
  try {
    url = new URL(exchangeUrl);
  } catch {
    return `market.exchangeUrl ${quoted(exchangeUrl)} is not a URL; use ws://host:port or leave it empty for the built-in exchange`;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    return `market.exchangeUrl ${quoted(exchangeUrl)} must start with ws:// or wss:// (it starts with ${url.protocol}//)`;
  if (url.hostname === '') return `market.exchangeUrl ${quoted(exchangeUrl)} names no host`;
  return null;
}

/**
 * Checks what can be checked before any worker starts, so each fault gets its own message instead of
 * a worker dying in a loop: the settings that contradict each other and the folders the workers need.
 * `settingsFile` is the path named in messages about settings.
 */
export function checkStartup(dataDir: string, settings: Settings, settingsFile: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new StartupError(`${dataDir} cannot be the data folder: ${(error as Error).message}`);
  }
  const urlProblem = exchangeUrlProblem(settings.market.exchangeUrl);
  if (urlProblem) throw new StartupError(`${settingsFile}: ${urlProblem}`);
  // The engine's own setMode refuses this too; a setting must not reach what the API may not.
  if (settings.engine.mode === 'live' && settings.broker.kind === 'paper')
    throw new StartupError(
      `${settingsFile}: engine.mode "live" needs a real broker, but broker.kind is "paper"; set engine.mode to "off", "shadow" or "paper"`,
    );
  const recordings = recordingsPath(dataDir);
  const stat = fs.statSync(recordings, { throwIfNoEntry: false });
  if (stat && !stat.isDirectory())
    throw new StartupError(
      `${recordings} is a file, not a folder: Scalpdesk keeps its market recordings there; move the file away`,
    );
}
