import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { createApiClient } from '../../src/shared/api/client';
import { apiContract } from '../../src/shared/api/contract';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import { connectInMemory } from '../../src/shared/api/inMemoryTransport';
import type { InstrumentView } from '../../src/shared/api/views';
import type { ClientPipe, ServerMessage } from '../../src/shared/api/wire';
import { startServe } from '../../src/main/hosts/serve';
import type { ServeHandle } from '../../src/main/hosts/serve';
import { settingsSchema } from '../../src/main/platform/settings';
import { startWorkstation } from '../../src/main/hosts/workstation';
import type { Workstation } from '../../src/main/hosts/workstation';
import { makeTempDir, repoRoot } from './serveProcess';

export const builtWorkerDir = path.join(repoRoot, 'out', 'main');

/** A real workstation (real worker threads from the build, real SQLite in a temp folder). */
export async function startTestWorkstation(
  settings: Record<string, unknown> = {},
  /** An existing data directory (e.g. with a ledger prepared by the test); a fresh one by default. */
  options: { readonly dataDir?: string } = {},
): Promise<{ workstation: Workstation; dataDir: string }> {
  if (!fs.existsSync(path.join(builtWorkerDir, 'coreWorker.js')))
    throw new Error('worker entries are not built: run `npm run build` first (npm test does)');
  const dataDir = options.dataDir ?? makeTempDir('contract');
  const workstation = await startWorkstation({
    dataDir,
    workerDir: builtWorkerDir,
    host: 'test',
    version: 'test',
    settings: settingsSchema.parse(settings),
  });
  return { workstation, dataDir };
}

export interface TransportUnderTest {
  readonly name: string;
  connect(workstation: Workstation): Promise<{ pipe: ClientPipe; close(): Promise<void> }>;
}

export const inMemoryTransport: TransportUnderTest = {
  name: 'in-memory',
  async connect(workstation) {
    const { pipe, disconnect } = connectInMemory(workstation.router);
    return { pipe, close: async () => disconnect() };
  },
};

/** The browser-mode transport, driven from Node with the token and our own Origin, as a page would. */
export const webSocketTransport: TransportUnderTest = {
  name: 'WebSocket',
  async connect(workstation) {
    const server: ServeHandle = await startServe({
      router: workstation.router,
      rendererDir: path.join(repoRoot, 'out', 'renderer'),
    });
    const { pipe, socket } = await openWebSocketPipe(server.origin, server.token);
    return {
      pipe,
      async close() {
        socket.close();
        await server.close();
      },
    };
  },
};

/** A client pipe over the browser-mode WebSocket of a host at `origin`, with its token and Origin. */
export async function openWebSocketPipe(
  origin: string,
  token: string,
): Promise<{ pipe: ClientPipe; socket: WebSocket }> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/api?token=${token}`, { origin });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const listeners = new Set<(message: ServerMessage) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    listeners.forEach((listener) => listener(message));
  });
  const pipe: ClientPipe = {
    send: (message) => socket.send(JSON.stringify(message)),
    onMessage: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { pipe, socket };
}

export function clientFor(pipe: ClientPipe): ClientOf<ApiContract> {
  return createApiClient(apiContract, pipe);
}

/**
 * The engine's own contracts (calls and puts on its underlying), nearest expiry, closest to the middle
 * listed strike first: the chain is listed around the money, so these carry real prices.
 */
export async function engineContractsNearTheMoney(api: ClientOf<ApiContract>): Promise<InstrumentView[]> {
  const underlying = (await api.engine.getStatus({})).underlying;
  const options = (await api.market.listInstruments({})).filter(
    (instrument) => instrument.kind === 'option' && instrument.underlying === underlying,
  );
  const expiry = options.map((option) => option.expiry ?? '').sort()[0];
  const ofExpiry = options.filter((option) => option.expiry === expiry);
  const strikes = [...new Set(ofExpiry.map((option) => option.strike ?? 0))].sort((a, b) => a - b);
  const middle = strikes[Math.floor(strikes.length / 2)];
  return ofExpiry.sort(
    (a, b) =>
      Math.abs((a.strike ?? 0) - middle) - Math.abs((b.strike ?? 0) - middle) ||
      (a.symbol < b.symbol ? -1 : 1),
  );
}

export function nextMessage(
  pipe: ClientPipe,
  predicate: (message: ServerMessage) => boolean,
  timeoutMs = 5000,
): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('no matching message'));
    }, timeoutMs);
    const off = pipe.onMessage((message) => {
      if (!predicate(message)) return;
      clearTimeout(timer);
      off();
      resolve(message);
    });
  });
}

/** Subscribes through a typed client member and resolves with the first event that satisfies the predicate. */
export function waitFor<P, T>(
  subscribe: (params: P, listener: (value: T) => void) => () => void,
  params: P,
  predicate: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const unsubscribe = subscribe(params, (value) => {
      if (done || !predicate(value)) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe());
      resolve(value);
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`condition not met within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

/** Buys one lot of `contract` at market (IOC) as the trader would, and resolves once it has filled. */
export async function buyOneLotAndWaitForFill(
  api: ClientOf<ApiContract>,
  contract: InstrumentView,
  timeoutMs = 10_000,
): Promise<void> {
  const filled = waitFor(api.orders.onFill, {}, (fill) => fill.symbol === contract.symbol, timeoutMs);
  await api.orders.place({
    symbol: contract.symbol,
    side: 'buy',
    type: 'market',
    quantity: contract.lotSize,
    timeInForce: 'IOC',
  });
  await filled;
}

/** A client pipe over a serve host's `/api` WebSocket, with the token and the host's own Origin. */
export async function connectWebSocket(server: {
  readonly origin: string;
  readonly token: string;
}): Promise<{ pipe: ClientPipe; close(): void }> {
  const { pipe, socket } = await openWebSocketPipe(server.origin, server.token);
  return { pipe, close: () => socket.close() };
}
