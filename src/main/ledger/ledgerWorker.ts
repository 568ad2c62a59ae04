import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Fill, Order, Position } from '../../shared/domain/orders';
import type { LedgerControlRequests, LedgerRequests, NoRequests, WorkerBootData } from '../threads/protocols';
import { RpcPeer } from '../threads/rpc';
import { builtPaths } from '../appInfo';
import { sqliteNativeBinding } from './nativeBinding';
import type { Endpoint } from '../threads/rpc';

if (!parentPort) throw new Error('ledgerWorker must run as a worker thread');
const boot = workerData as WorkerBootData;
fs.mkdirSync(boot.dataDir, { recursive: true });

// The single SQLite writer (DESIGN "Shape"). WAL + synchronous=FULL: a commit that returned is on
// disk, so acknowledging after it cannot lose the row.
const db = new Database(path.join(boot.dataDir, 'scalpdesk.sqlite'), {
  nativeBinding: sqliteNativeBinding(path.dirname(builtPaths.workerDir)),
});
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec(`
  CREATE TABLE IF NOT EXISTS orders (order_id TEXT PRIMARY KEY, body TEXT NOT NULL, status TEXT NOT NULL, ts_updated INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS fills (fill_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL,
    quantity INTEGER NOT NULL, price INTEGER NOT NULL, ts_event INTEGER NOT NULL, source TEXT NOT NULL, charges INTEGER NOT NULL);
`);
const upsertOrder = db.prepare(
  'INSERT INTO orders (order_id, body, status, ts_updated) VALUES (?, ?, ?, ?) ON CONFLICT(order_id) DO UPDATE SET body = excluded.body, status = excluded.status, ts_updated = excluded.ts_updated',
);
const insertFill = db.prepare(
  'INSERT INTO fills (fill_id, order_id, symbol, side, quantity, price, ts_event, source, charges) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
const recordOrder = (order: Order): void => {
  upsertOrder.run(order.orderId, JSON.stringify(order), order.status, order.tsUpdated);
};
const recordFill = db.transaction((fill: Fill, order: Order) => {
  insertFill.run(
    fill.fillId,
    fill.orderId,
    fill.symbol,
    fill.side,
    fill.quantity,
    fill.price,
    fill.tsEvent,
    fill.source,
    fill.charges,
  );
  recordOrder(order);
});

function loadPositions(): Position[] {
  const rows = db
    .prepare('SELECT symbol, source, side, quantity, price, charges FROM fills ORDER BY ts_event, rowid')
    .all() as Array<{
    symbol: string;
    source: Position['source'];
    side: string;
    quantity: number;
    price: number;
    charges: number;
  }>;
  const positions = new Map<
    string,
    { symbol: string; source: Position['source']; quantity: number; notional: number; charges: number }
  >();
  for (const row of rows) {
    const key = `${row.symbol}|${row.source}`;
    const position = positions.get(key) ?? {
      symbol: row.symbol,
      source: row.source,
      quantity: 0,
      notional: 0,
      charges: 0,
    };
    const signed = row.side === 'buy' ? row.quantity : -row.quantity;
    position.quantity += signed;
    position.notional += signed * row.price;
    position.charges += row.charges;
    positions.set(key, position);
  }
  return [...positions.values()].map((position) => ({
    symbol: position.symbol as Position['symbol'],
    source: position.source,
    quantity: position.quantity,
    averagePrice: position.quantity === 0 ? 0 : position.notional / position.quantity,
    realisedPnl: 0,
    unrealisedPnl: 0,
    charges: position.charges,
  }));
}

let corePeer: RpcPeer<LedgerRequests, NoRequests> | null = null;
const coreHandlers: Partial<{
  [K in keyof LedgerRequests]: (payload: LedgerRequests[K]['payload']) => LedgerRequests[K]['result'];
}> = {
  recordOrder: ({ order }) => recordOrder(order),
  recordOrderEvent: ({ order }) => recordOrder(order),
  recordFill: ({ fill, order }) => recordFill(fill, order),
  loadPositions: () => loadPositions(),
  loadOrders: () =>
    (db.prepare('SELECT body FROM orders').all() as Array<{ body: string }>).map(
      (row) => JSON.parse(row.body) as Order,
    ),
  journal: () => undefined,
};

new RpcPeer<LedgerControlRequests, NoRequests>(
  parentPort as unknown as Endpoint,
  {
    attachCore({ port }: { port: MessagePort }) {
      corePeer?.detach('replaced');
      corePeer = new RpcPeer<LedgerRequests, NoRequests>(port as unknown as Endpoint, coreHandlers, 'core');
    },
    countFills: () => (db.prepare('SELECT COUNT(*) AS n FROM fills').get() as { n: number }).n,
    shutdown() {
      db.close();
    },
  },
  'main',
);
