import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { ApiRouter } from '../../shared/api/router';
import type { ServerMessage } from '../../shared/api/wire';
import { contentSecurityPolicy } from './security';

export interface ServeOptions {
  readonly router: ApiRouter;
  /** Built renderer folder (out/renderer). */
  readonly rendererDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** The data folder's persisted token (hosts/serveToken.ts) or a test's; a random 128-bit one otherwise. */
  readonly token?: string;
}

export interface ServeHandle {
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const TOKEN_COOKIE = 'scalpdesk_token';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/**
 * The headless host (`scalpdesk serve`): serves the built renderer over HTTP and carries the typed
 * API over WebSocket at /api. Binds 127.0.0.1 unless told otherwise; every request must present the
 * per-run token (in the URL once, then as an HttpOnly SameSite=Strict cookie) and, where the browser
 * sends one, an Origin equal to our own — so another site open in the same browser cannot drive it.
 */
export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const token = options.token ?? crypto.randomBytes(16).toString('hex');
  const host = options.host ?? '127.0.0.1';
  const rendererDir = path.resolve(options.rendererDir);
  let origin = '';
  let connections = 0;

  const isForeign = (request: http.IncomingMessage): string | null => {
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin)
      return `origin ${requestOrigin} is not allowed`;
    if (request.headers['sec-fetch-site'] === 'cross-site') return 'cross-site requests are not allowed';
    return null;
  };
  const presentedToken = (request: http.IncomingMessage, url: URL): string | undefined =>
    url.searchParams.get('token') ?? readCookie(request.headers.cookie, TOKEN_COOKIE);

  const deny = (response: http.ServerResponse, status: number, message: string): void => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(`${message}\n`);
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const foreign = isForeign(request);
    if (foreign) return deny(response, 403, `Forbidden: ${foreign}.`);
    if (!sameToken(presentedToken(request, url), token))
      return deny(
        response,
        401,
        'Unauthorized: open the URL that `scalpdesk serve` printed (it carries the token).',
      );
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return deny(response, 405, 'Method not allowed.');

    let relative = decodeURIComponent(url.pathname);
    if (relative === '/' || relative === '') relative = '/index.html';
    const file = path.resolve(rendererDir, `.${relative}`);
    if (!file.startsWith(rendererDir + path.sep)) return deny(response, 404, 'Not found.');
    fs.readFile(file, (error, body) => {
      if (error) return deny(response, 404, 'Not found.');
      const headers: http.OutgoingHttpHeaders = {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy(origin.replace(/^http/, 'ws')),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      };
      if (url.searchParams.has('token'))
        headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const reject = (status: number, message: string): void => {
      socket.end(
        `HTTP/1.1 ${status} ${message}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${message}\n`,
      );
    };
    if (url.pathname !== '/api') return reject(404, 'Not Found');
    const foreign = isForeign(request);
    if (foreign) return reject(403, `Forbidden: ${foreign}`);
    if (!sameToken(presentedToken(request, url), token))
      return reject(401, 'Unauthorized: missing or wrong token');
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  const attach = (ws: WebSocket): void => {
    const connection = options.router.connect(
      { connectionId: `ws-${++connections}`, transport: 'websocket' },
      (message: ServerMessage) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      },
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(
          JSON.stringify({
            t: 'error',
            id: null,
            error: { code: 'BAD_REQUEST', message: 'binary frames are not accepted' },
          }),
        );
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        ws.send(
          JSON.stringify({
            t: 'error',
            id: null,
            error: { code: 'BAD_REQUEST', message: 'message is not valid JSON' },
          }),
        );
        return;
      }
      connection.receive(parsed);
    });
    ws.on('close', () => connection.close());
    ws.on('error', () => connection.close());
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  origin = `http://${urlHost}:${port}`;

  return {
    url: `${origin}/?token=${token}#/ladder`,
    origin,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
