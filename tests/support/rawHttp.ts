import crypto from 'node:crypto';
import net from 'node:net';
import WebSocket from 'ws';

/** What came back on one raw connection: everything the server wrote before it closed. */
export interface RawReply {
  readonly text: string;
  /** Status code of the first response line, or null when the server answered nothing parsable. */
  readonly status: number | null;
}

function statusOf(text: string): number | null {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return match ? Number(match[1]) : null;
}

/**
 * One raw TCP connection to 127.0.0.1: `drive` writes to it (on connect and on each reply chunk), and
 * everything the server writes is collected until it closes. `bound` only stops a connection the
 * server keeps open so the run ends; it asserts nothing.
 */
function rawConnection(
  port: number,
  bound: number,
  drive: { onConnect(socket: net.Socket): void; onData?(socket: net.Socket, received: Buffer): void },
): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(received).toString('latin1');
      resolve({ text, status: statusOf(text) });
    };
    const timer = setTimeout(finish, bound);
    socket.on('data', (chunk) => {
      received.push(chunk);
      drive.onData?.(socket, Buffer.concat(received));
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => drive.onConnect(socket));
  });
}

/**
 * Writes `chunks` to a fresh TCP connection exactly as given (no HTTP client in between, so malformed
 * input reaches the server unrepaired), half-closes, and collects the reply until the server closes.
 */
export function sendRaw(
  port: number,
  chunks: readonly (string | Buffer)[],
  { bound = 3000, halfClose = true }: { readonly bound?: number; readonly halfClose?: boolean } = {},
): Promise<RawReply> {
  return rawConnection(port, bound, {
    onConnect(socket) {
      for (const chunk of chunks) socket.write(chunk);
      // Half-closing lets the server see the end of a truncated request; a complete one is left open
      // (Node ends a half-closed socket before an asynchronous response could be written).
      if (halfClose) socket.end();
    },
  });
}

/** An upgrade request for /api that passes every check (token, our Origin), as a browser sends it. */
export function upgradeRequest(origin: string, token: string, extraHeaders = ''): string {
  const host = new URL(origin).host;
  return (
    `GET /api?token=${token} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\n` +
    `Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\n` +
    `${extraHeaders}\r\n`
  );
}

/**
 * A well-formed authenticated WebSocket upgrade followed by `frames` written raw, so each frame reaches
 * the server's frame parser exactly as built. Resolves when the server closes the connection.
 */
export function sendFramesAfterUpgrade(
  origin: string,
  token: string,
  frames: readonly Buffer[],
  bound = 3000,
): Promise<RawReply> {
  let upgraded = false;
  return rawConnection(Number(new URL(origin).port), bound, {
    onConnect: (socket) => socket.write(upgradeRequest(origin, token)),
    onData(socket, received) {
      if (upgraded || !received.includes('\r\n\r\n')) return;
      upgraded = true;
      for (const frame of frames) socket.write(frame);
      socket.end();
    },
  });
}

/** A client→server frame (masked, as RFC 6455 requires of clients) with the given first byte. */
export function maskedFrame(firstByte: number, payload: Buffer): Buffer {
  const mask = crypto.randomBytes(4);
  const length = payload.length;
  const header =
    length < 126
      ? Buffer.from([firstByte, 0x80 | length])
      : Buffer.from([firstByte, 0x80 | 126, (length >> 8) & 0xff, length & 0xff]);
  const body = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]));
  return Buffer.concat([header, mask, body]);
}

/**
 * Proof that the host still serves: the page with the token answers 200 and a real WebSocket client
 * gets an answer to `system.getInfo`.
 */
export async function stillServes(origin: string, token: string): Promise<{ page: number; info: unknown }> {
  const page = await sendRaw(
    Number(new URL(origin).port),
    [`GET /?token=${token} HTTP/1.1\r\nHost: ${new URL(origin).host}\r\nConnection: close\r\n\r\n`],
    { halfClose: false },
  );
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/api?token=${token}`, { origin });
  const info = await new Promise<unknown>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      socket.send(JSON.stringify({ t: 'call', id: 1, method: 'system.getInfo', params: {} })),
    );
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { t: string; id: number; result?: unknown };
      if (message.t === 'result' && message.id === 1) resolve(message.result);
    });
  });
  socket.close();
  return { page: page.status ?? 0, info };
}
