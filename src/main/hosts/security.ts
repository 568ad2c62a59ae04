/**
 * The Content-Security-Policy of every Scalpdesk page (DESIGN principle 7: strict CSP, no remote
 * content). Scripts and styles only from the app itself; the only connection allowed is the app's own
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
