import path from 'node:path';

/**
 * The Content-Security-Policy of every Scalpdesk page (the "secure by default" principle: strict CSP, no
 * remote content). Scripts and styles only from the app itself; the only connection allowed is the app's own
 * WebSocket API (browser mode) — Electron windows talk through IPC and need none.
 */
export function contentSecurityPolicy(apiOrigin?: string): string {
  const connect = apiOrigin ? `'self' ${apiOrigin}` : `'self'`;
  return [
    `default-src 'none'`,
    `script-src 'self'`,
    `style-src 'self'`,
    `img-src 'self' data:`,
    `font-src 'self'`,
    `connect-src ${connect}`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
    `object-src 'none'`,
  ].join('; ');
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** `host` as it appears in a URL: IPv6 literals in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The host to print in the URL the user opens. A wildcard bind (`--host 0.0.0.0`) is not an address a
 * browser should be sent to, so the printed URL uses loopback; other machines use this one's address.
 */
export function browseHost(bindHost: string): string {
  return WILDCARD_HOSTS.has(bindHost) ? '127.0.0.1' : urlHost(bindHost);
}

/**
 * Every Origin a page served by `scalpdesk serve` can have: the origin of each address the socket
 * actually accepts on. A wildcard bind accepts on loopback and on every interface address, so each of
 * them is allowed (issue 10: `--host 0.0.0.0` made the allowed origin `http://0.0.0.0:PORT`, which no
 * browser sends, and every WebSocket was refused). A foreign site's origin is never in the set.
 */
export function allowedOrigins(
  bindHost: string,
  port: number,
  interfaceAddresses: readonly string[],
): Set<string> {
  const hosts = new Set<string>();
  const host = urlHost(bindHost);
  if (WILDCARD_HOSTS.has(bindHost)) {
    LOOPBACK_NAMES.forEach((name) => hosts.add(name));
    interfaceAddresses.forEach((address) => hosts.add(urlHost(address)));
  } else {
    hosts.add(host);
    if (LOOPBACK_NAMES.includes(host)) LOOPBACK_NAMES.forEach((name) => hosts.add(name));
  }
  return new Set([...hosts].map((name) => `http://${name}:${port}`));
}

/**
 * The dev server the renderer is loaded from in `npm run dev`. Honoured only in an unpackaged build and
 * only for a loopback http URL: in an installed app, an environment variable must never be able to
 * point the trading windows (and their preload API) at someone else's page.
 */
export function devServerUrl(isPackaged: boolean, fromEnvironment: string | undefined): string | undefined {
  if (isPackaged || !fromEnvironment) return undefined;
  try {
    const url = new URL(fromEnvironment);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback ? fromEnvironment : undefined;
  } catch {
    return undefined;
  }
}

/** DevTools (menu entry, shortcut, webPreferences) exist only in a development build. */
export const devToolsAllowed = (isPackaged: boolean): boolean => !isPackaged;

/** What the Electron request filter needs to know: the app's own folder and the dev server, if any. */
export interface RequestPolicy {
  /** Absolute path of the built renderer folder (out/renderer). */
  readonly rendererDir: string;
  readonly devServerUrl?: string;
  readonly devTools: boolean;
}

/**
 * Whether a window may load `url` (DESIGN principle 7: no remote content). `file://` only under the
 * app's own renderer folder — not the rest of the disk — the dev server by exact origin, DevTools'
 * own pages only where DevTools are allowed; everything else is cancelled.
 */
export function isAllowedRequest(url: string, policy: RequestPolicy): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    let file: string;
    try {
      file = decodeURIComponent(parsed.pathname);
    } catch {
      return false;
    }
    if (file.includes('\0')) return false;
    // Windows file URLs carry a leading slash before the drive letter (file:///C:/…).
    if (/^\/[A-Za-z]:\//.test(file)) file = file.slice(1);
    const root = path.resolve(policy.rendererDir);
    const resolved = path.resolve(file);
    return resolved === root || resolved.startsWith(root + path.sep);
  }
  if (parsed.protocol === 'devtools:') return policy.devTools;
  if (policy.devServerUrl !== undefined) {
    try {
      // Same host and port over http, or ws for the dev server's hot reload.
      const dev = new URL(policy.devServerUrl);
      return parsed.host === dev.host && (parsed.protocol === 'http:' || parsed.protocol === 'ws:');
    } catch {
      return false;
    }
  }
  return false;
}

/** Every permission request (camera, notifications, clipboard, …) and check is refused. */
export const permissionAllowed = (): boolean => false;
