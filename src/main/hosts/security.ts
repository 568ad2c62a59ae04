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
