import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { ApiRouter } from '../../shared/api/router';
import type { ServerMessage } from '../../shared/api/wire';
import type { LogLevel } from '../threads/rpc';
import { forLog, parseRequestTarget, readCookie, staticFilePath } from './httpGuards';
import type { Verdict } from './httpGuards';
import { allowedOrigins, browseHost, contentSecurityPolicy } from './security';

export interface ServeOptions {
  readonly router: ApiRouter;
  /** Built renderer folder (out/renderer). */
  readonly rendererDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed token for tests; a random 128-bit one otherwise. */
  readonly token?: string;
  /** Where refused requests are reported (one line each); silent when omitted. */
  readonly log?: (level: LogLevel, message: string) => void;
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
  const log = options.log ?? (() => undefined);
  let origin = '';
  let origins = new Set<string>();
  let connections = 0;

  const isForeign = (request: http.IncomingMessage): string | null => {
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && !origins.has(requestOrigin))
      return `origin ${forLog(requestOrigin)} is not allowed`;
    if (request.headers['sec-fetch-site'] === 'cross-site') return 'cross-site requests are not allowed';
    return null;
  };
  /** The origin the browser loaded the page from (one of ours), so its CSP allows that WebSocket. */
  const pageOrigin = (request: http.IncomingMessage): string => {
    const named = `http://${request.headers.host ?? ''}`;
    return origins.has(named) ? named : origin;
  };
  /** The token the request carries (URL first, then cookie); a cookie that does not decode is a 400. */
  const presentedToken = (request: http.IncomingMessage, url: URL): Verdict<string | undefined> => {
    const fromUrl = url.searchParams.get('token');
    return fromUrl !== null ? { ok: true, value: fromUrl } : readCookie(request.headers.cookie, TOKEN_COOKIE);
  };
  const refused = (request: http.IncomingMessage, status: number, reason: string): void =>
    log(
      'warn',
      `refused ${status} ${forLog(request.method, 16)} ${forLog(request.url)} from ${request.socket.remoteAddress ?? '?'}: ${reason}`,
    );

  const deny = (response: http.ServerResponse, status: number, message: string): void => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(`${message}\n`);
  };
  const badRequest = (request: http.IncomingMessage, response: http.ServerResponse, reason: string): void => {
    refused(request, 400, reason);
    deny(response, 400, `Bad request: ${reason}.`);
  };

  const handleRequest = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    const target = parseRequestTarget(request.url, origin);
    if (!target.ok) return badRequest(request, response, target.reason);
    const url = target.value;
    const foreign = isForeign(request);
    if (foreign) return deny(response, 403, `Forbidden: ${foreign}.`);
    const presented = presentedToken(request, url);
    if (!presented.ok) return badRequest(request, response, presented.reason);
    if (!sameToken(presented.value, token))
      return deny(
        response,
        401,
        'Unauthorized: open the URL that `scalpdesk serve` printed (it carries the token).',
      );
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return deny(response, 405, 'Method not allowed.');

    const resolved = staticFilePath(rendererDir, url.pathname);
    if (!resolved.ok)
      return resolved.status === 400
        ? badRequest(request, response, resolved.reason)
        : deny(response, 404, 'Not found.');
    const file = resolved.value;
    fs.readFile(file, (error, body) => {
      if (error) return deny(response, 404, 'Not found.');
      const headers: http.OutgoingHttpHeaders = {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy(pageOrigin(request).replace(/^http/, 'ws')),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      };
      if (url.searchParams.has('token'))
        headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
    });
  };

  const server = http.createServer((request, response) => {
    try {
      handleRequest(request, response);
    } catch (error) {
      // Last line of defence: a request must never take the process down.
      log(
        'error',
        `request ${forLog(request.url)} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!response.headersSent) deny(response, 500, 'Internal error.');
      else response.destroy();
    }
  });
  // Node answers unparsable HTTP (bad request line, header or chunk) with a bare 400; say so in the log.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code !== 'ECONNRESET')
      log(
        'warn',
        `refused 400 malformed HTTP from ${(socket as Socket).remoteAddress ?? '?'}: ${error.code ?? error.message}`,
      );
    if (socket.writable && !socket.destroyed)
      socket.end(
        'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nBad request.\n',
      );
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  const handleUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const reject = (status: number, message: string): void => {
      if (status === 400) refused(request, status, message);
      socket.end(
        `HTTP/1.1 ${status} ${message}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${message}\n`,
      );
    };
    const target = parseRequestTarget(request.url, origin);
    if (!target.ok) return reject(400, `Bad Request: ${target.reason}`);
    const url = target.value;
    if (url.pathname !== '/api') return reject(404, 'Not Found');
    const foreign = isForeign(request);
    if (foreign) return reject(403, `Forbidden: ${foreign}`);
    const presented = presentedToken(request, url);
    if (!presented.ok) return reject(400, `Bad Request: ${presented.reason}`);
    if (!sameToken(presented.value, token)) return reject(401, 'Unauthorized: missing or wrong token');
    wss.handleUpgrade(request, socket, head, (ws) => attach(ws));
  };
  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // Once upgraded, Node no longer watches the socket for errors; a reset would be an uncaught 'error'.
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(request, socket, head);
    } catch (error) {
      log(
        'error',
        `upgrade ${forLog(request.url)} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      socket.destroy();
    }
  });

  const sendError = (ws: WebSocket, message: string): void =>
    ws.send(JSON.stringify({ t: 'error', id: null, error: { code: 'BAD_REQUEST', message } }));

  const attach = (ws: WebSocket): void => {
    const connection = options.router.connect(
      { connectionId: `ws-${++connections}`, transport: 'websocket' },
      (message: ServerMessage) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      },
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) return sendError(ws, 'binary frames are not accepted');
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return sendError(ws, 'message is not valid JSON');
      }
      try {
        connection.receive(parsed);
      } catch (error) {
        log('error', `API message failed: ${error instanceof Error ? error.message : String(error)}`);
        sendError(ws, 'message could not be handled');
      }
    });
    ws.on('close', () => connection.close());
    // A bad frame (wrong opcode, unmasked, oversized, invalid UTF-8) closes the socket with a 1002/1009.
    ws.on('error', (error) => {
      log('warn', `WebSocket closed on a bad frame: ${error.message}`);
      connection.close();
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${browseHost(host)}:${port}`;
  const interfaceAddresses = Object.values(os.networkInterfaces()).flatMap((list) =>
    (list ?? []).map((entry) => entry.address),
  );
  origins = allowedOrigins(host, port, interfaceAddresses);

  return {
    url: `${origin}/?token=${token}#/ladder`,
    origin,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
