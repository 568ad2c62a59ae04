import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { Workstation } from '../../src/main/hosts/workstation';
import { filesContaining, filesUnder } from '../support/dataFiles';
import { FakeOpenAlgo } from '../support/brokers/fakeOpenAlgo';
import { clientFor, inMemoryTransport, startTestWorkstation, waitFor } from '../support/workstation';

const API_KEY = 'contract-openalgo-key-7fd29a41c3';
const OPTION = 'NIFTY06JAN2626000CE';
/** 10:00 IST on an NSE trading day: the paper broker fills only inside the session. */
const SESSION_START_MS = Date.parse('2026-01-06T04:30:00Z');

/**
 * The workstation on OpenAlgo's market data (market.source "broker") with the paper broker: the
 * ladder shows the broker's depth, a manual order fills on it and the position shows. Then every
 * file the workstation wrote (settings, ledger, recordings) is searched for the API key.
 */
describe('broker market data: OpenAlgo feed into the workstation, paper orders', () => {
  let server: FakeOpenAlgo;
  let workstation: Workstation;
  let dataDir: string;
  let api: ClientOf<ApiContract>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    server = await new FakeOpenAlgo(API_KEY, [
      { symbol: 'NIFTY', exchange: 'NSE_INDEX', mid: 26010, tick: 0.05, lotSize: 1 },
      { symbol: OPTION, exchange: 'NFO', mid: 120, tick: 0.05, lotSize: 65 },
      { symbol: 'NIFTY06JAN2626000PE', exchange: 'NFO', mid: 110, tick: 0.05, lotSize: 65 },
    ]).start();
    const started = Date.now();
    server.now = () => SESSION_START_MS + (Date.now() - started);
    server.startTicking(50);
    process.env.SCALPDESK_OPENALGO_API_KEY = API_KEY;
    ({ workstation, dataDir } = await startTestWorkstation({
      market: { profile: 'nse', source: 'broker' },
      broker: { kind: 'openalgo', orders: 'paper', host: server.restUrl, wsUrl: server.wsUrl },
      engine: { mode: 'off' },
    }));
    const connection = await inMemoryTransport.connect(workstation);
    close = connection.close;
    api = clientFor(connection.pipe);
  });
  afterAll(async () => {
    await close?.();
    await workstation?.close();
    await server?.stop();
    delete process.env.SCALPDESK_OPENALGO_API_KEY;
  });

  it('lists the broker option chain and shows its depth on the ladder', async () => {
    const instruments = await api.market.listInstruments({});
    expect(instruments.map((instrument) => instrument.symbol)).toEqual(
      expect.arrayContaining(['NIFTY', 'NIFTY-2026-01-06-26000-CE', 'NIFTY-2026-01-06-26000-PE']),
    );
    const ladder = await waitFor(
      api.market.onLadder,
      { symbol: 'NIFTY-2026-01-06-26000-CE' },
      (view) => view.bids.length === 5,
    );
    const book = server.books.get(`NFO:${OPTION}`);
    expect(ladder.asks).toHaveLength(5);
    expect(
      Math.abs(ladder.bids[0].price - Math.round((book?.bids()[0].price ?? 0) * 100)),
    ).toBeLessThanOrEqual(10);
  });

  it('fills a paper order on the broker data and shows the position', async () => {
    const symbol = 'NIFTY-2026-01-06-26000-CE';
    const position = waitFor(api.positions.onPositions, {}, (positions) =>
      positions.some((held) => held.symbol === symbol && held.quantity === 65),
    );
    const placed = await api.orders.place({
      symbol,
      side: 'buy',
      type: 'market',
      quantity: 65,
      timeInForce: 'DAY',
    });
    expect(placed.status).not.toBe('rejected');
    await position;
    // Paper trading on broker data sends nothing to the broker.
    expect(server.requests.filter((request) => request.endpoint === 'placeorder')).toHaveLength(0);
  });

  it('keeps the API key out of settings, the ledger and recordings', async () => {
    await workstation.close();
    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('.sqlite') || file.includes('ledger'))).toBe(true);
    expect(filesContaining(files, API_KEY)).toEqual([]);
  });
});
