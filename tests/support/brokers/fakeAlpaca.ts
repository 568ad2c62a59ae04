import { decode, encode } from '@msgpack/msgpack';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { FakeBook } from './fakeBook';
import {
  authenticated,
  authorization,
  connected,
  insufficientBuyingPower,
  listening,
  quoteMessage,
  rateLimited,
  streamError,
  subscriptionAck,
  tradeMessage,
} from './alpacaFixtures';

/**
 * A local Alpaca on one 127.0.0.1 port: the Trading API (`/v2/orders`, `/v2/positions`,
 * `/v2/account`, `/v2/options/contracts`), the trade_updates stream (`/stream`), the stock data
 * stream (`/v2/iex`, JSON) and the options data stream (`/v1beta1/indicative`, MessagePack). Faults:
 * refused keys, dropped connections, silence, a malformed frame, an order reject, 429, a lost order
 * answer, a second data connection (406) and a restart that keeps orders and positions.
 */

export interface FakeAlpacaOrder {
  id: string;
  client_order_id: string;
  symbol: string;
  side: 'buy' | 'sell';
  type: string;
  qty: string;
  filled_qty: string;
  filled_avg_price: string | null;
  limit_price: string | null;
  time_in_force: string;
  status: string;
  asset_class: string;
}

type DataKind = 'stocks' | 'options';
interface DataClient {
  readonly socket: WebSocket;
  readonly kind: DataKind;
  authenticated: boolean;
  readonly symbols: Set<string>;
}

const OCC = /^[A-Z]+\d{6}[CP]\d{8}$/;

export class FakeAlpaca {
  readonly requests: { method: string; path: string; body: Record<string, unknown> | null }[] = [];
  readonly orders = new Map<string, FakeAlpacaOrder>();
  readonly positions = new Map<string, { qty: number; avg: number }>();
  readonly books = new Map<string, FakeBook>();
  readonly received: Record<string, unknown>[] = [];
  private readonly dataClients = new Set<DataClient>();
  private readonly tradeClients = new Set<WebSocket>();
  private server: http.Server | null = null;
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false });
  private port = 0;
  private silent = false;
  private rejectNext = false;
  private swallowNext = false;
  private rateLimitRemaining = 0;
  autoFill = true;
  /** Moves every book on `publish(true)` instead of each book's own wiggle (a `FakeWalk`). */
  stepper: (() => void) | null = null;
  /** Timestamp source for market data (ms): the wall clock unless a test runs its own. */
  now: () => number = Date.now;

  constructor(
    readonly keyId: string,
    readonly secretKey: string,
    contracts: readonly { symbol: string; mid: number; tick: number }[],
  ) {
    for (const contract of contracts)
      this.books.set(
        contract.symbol,
        new FakeBook(contract.mid, contract.tick, OCC.test(contract.symbol) ? 10 : 100),
      );
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get wsBase(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((request, response) => void this.onHttp(request, response));
    this.server.on('upgrade', (request, socket, head) => {
      this.wss.handleUpgrade(request, socket, head, (ws) => this.onSocket(ws, request.url ?? ''));
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.dropConnections();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dropConnections(): void {
    for (const client of this.dataClients) client.socket.terminate();
    for (const socket of this.tradeClients) socket.terminate();
  }

  setSilent(silent: boolean): void {
    this.silent = silent;
  }
  sendMalformed(): void {
    for (const client of this.dataClients)
      client.socket.send(client.kind === 'options' ? Buffer.from([0xc1, 0xff]) : '[{"T":"q",');
  }
  rejectNextOrder(): void {
    this.rejectNext = true;
  }
  swallowNextOrder(): void {
    this.swallowNext = true;
  }
  rateLimitNext(count: number): void {
    this.rateLimitRemaining = count;
  }
  /** Fault 407: tells every data client it is too slow, as Alpaca does before disconnecting it. */
  slowClient(): void {
    for (const client of this.dataClients) {
      this.sendData(client, streamError(407, 'slow client'));
      client.socket.close();
    }
  }

  subscribed(symbol: string): boolean {
    return [...this.dataClients].some((client) => client.symbols.has(symbol));
  }

  publish(step = true): void {
    if (this.silent) return;
    const now = new Date(this.now());
    if (step) this.stepper?.();
    for (const [symbol, book] of this.books) {
      if (step && !this.stepper) book.step();
      for (const client of this.dataClients) {
        if (!client.authenticated || !client.symbols.has(symbol)) continue;
        const t = client.kind === 'options' ? now : now.toISOString().replace('Z', '123Z');
        this.sendData(client, [
          quoteMessage(
            symbol,
            book.bids()[0].price,
            book.bids()[0].quantity,
            book.asks()[0].price,
            book.asks()[0].quantity,
            t,
          ),
          ...(step ? [tradeMessage(symbol, book.ltp, book.lotQuantity, t, book.volume)] : []),
        ]);
      }
    }
  }

  fill(id: string): void {
    const order = this.orders.get(id);
    if (!order) throw new Error(`no order ${id}`);
    const book = this.books.get(order.symbol) as FakeBook;
    this.execute(
      order,
      order.limit_price === null ? (book.fillPrice(order.side, null) as number) : Number(order.limit_price),
    );
  }

  // ------------------------------------------------------------------ streams
  private onSocket(ws: WebSocket, url: string): void {
    ws.on('ping', (data) => {
      if (!this.silent) ws.pong(data);
    });
    if (url.startsWith('/stream')) {
      this.tradeClients.add(ws);
      ws.on('close', () => this.tradeClients.delete(ws));
      ws.on('message', (raw) => this.onTradeMessage(ws, JSON.parse(String(raw)) as Record<string, unknown>));
      return;
    }
    const kind: DataKind = url.startsWith('/v1beta1/') ? 'options' : 'stocks';
    const client: DataClient = { socket: ws, kind, authenticated: false, symbols: new Set() };
    if ([...this.dataClients].some((other) => other.kind === kind)) {
      // Most subscriptions allow one connection per endpoint.
      this.sendData(client, streamError(406, 'connection limit exceeded'));
      ws.close();
      return;
    }
    this.dataClients.add(client);
    ws.on('close', () => this.dataClients.delete(client));
    ws.on('message', (raw, isBinary) => {
      let message: Record<string, unknown>;
      try {
        message = (isBinary ? decode(raw as Buffer) : JSON.parse(String(raw))) as Record<string, unknown>;
      } catch {
        this.sendData(client, streamError(400, 'invalid syntax'));
        return;
      }
      this.received.push(message);
      this.onDataMessage(client, message);
    });
    this.sendData(client, connected);
  }

  private sendData(client: DataClient, messages: Record<string, unknown>[]): void {
    if (this.silent || client.socket.readyState !== WebSocket.OPEN) return;
    client.socket.send(client.kind === 'options' ? encode(messages) : JSON.stringify(messages));
  }

  private onDataMessage(client: DataClient, message: Record<string, unknown>): void {
    if (message.action === 'auth') {
      if (message.key !== this.keyId || message.secret !== this.secretKey) {
        this.sendData(client, streamError(402, 'auth failed'));
        client.socket.close();
        return;
      }
      client.authenticated = true;
      this.sendData(client, authenticated);
      return;
    }
    if (!client.authenticated) {
      this.sendData(client, streamError(401, 'not authenticated'));
      return;
    }
    const trades = (message.trades ?? []) as string[];
    const quotes = (message.quotes ?? []) as string[];
    if (client.kind === 'options' && quotes.includes('*')) {
      this.sendData(client, streamError(413, 'star subscription is not allowed for option quotes'));
      return;
    }
    for (const symbol of [...trades, ...quotes]) {
      if (message.action === 'subscribe') client.symbols.add(symbol);
      else client.symbols.delete(symbol);
    }
    this.sendData(client, subscriptionAck([...client.symbols], [...client.symbols]));
  }

  private onTradeMessage(ws: WebSocket, message: Record<string, unknown>): void {
    const send = (value: unknown): void => {
      if (!this.silent) ws.send(Buffer.from(JSON.stringify(value)), { binary: true });
    };
    if (message.action === 'auth') {
      const ok = message.key === this.keyId && message.secret === this.secretKey;
      send(authorization(ok));
      if (!ok) ws.close();
    } else if (message.action === 'listen') send(listening);
  }

  private pushTradeUpdate(event: string, order: FakeAlpacaOrder, extra: Record<string, unknown> = {}): void {
    const payload = {
      stream: 'trade_updates',
      data: { event, order: { ...order }, timestamp: new Date().toISOString(), ...extra },
    };
    for (const socket of this.tradeClients)
      if (!this.silent) socket.send(Buffer.from(JSON.stringify(payload)), { binary: true });
  }

  private execute(order: FakeAlpacaOrder, price: number): void {
    const qty = Number(order.qty);
    order.filled_qty = String(qty);
    order.filled_avg_price = String(price);
    order.status = 'filled';
    const position = this.positions.get(order.symbol) ?? { qty: 0, avg: 0 };
    const signed = order.side === 'buy' ? qty : -qty;
    position.avg = position.qty === 0 ? price : position.avg;
    position.qty += signed;
    this.positions.set(order.symbol, position);
    this.pushTradeUpdate('fill', order, {
      price: String(price),
      qty: String(qty),
      position_qty: String(position.qty),
    });
  }

  // ------------------------------------------------------------------ REST
  private async onHttp(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text === '' ? null : (JSON.parse(text) as Record<string, unknown>);
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', this.baseUrl);
    this.requests.push({ method, path: url.pathname + url.search, body });
    const answer = (status: number, value: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (
      request.headers['apca-api-key-id'] !== this.keyId ||
      request.headers['apca-api-secret-key'] !== this.secretKey
    ) {
      answer(401, { code: 40110000, message: 'request is not authorized' });
      return;
    }
    if (this.rateLimitRemaining > 0 && method !== 'GET') {
      this.rateLimitRemaining--;
      answer(429, rateLimited);
      return;
    }
    const orderPath = /^\/v2\/orders\/([^/]+)$/.exec(url.pathname);
    if (method === 'POST' && url.pathname === '/v2/orders') {
      const result = this.placeOrder(body ?? {});
      if (this.swallowNext) {
        this.swallowNext = false;
        request.socket.destroy();
        return;
      }
      answer(result.status, result.value);
    } else if (method === 'GET' && url.pathname === '/v2/orders')
      answer(200, [...this.orders.values()].reverse());
    else if (method === 'GET' && url.pathname === '/v2/orders:by_client_order_id') {
      const found = [...this.orders.values()].find(
        (order) => order.client_order_id === url.searchParams.get('client_order_id'),
      );
      answer(found ? 200 : 404, found ?? { code: 40410000, message: 'order not found' });
    } else if (orderPath && method === 'DELETE') {
      const order = this.orders.get(orderPath[1]);
      if (!order || order.status === 'filled')
        answer(422, { code: 42210000, message: 'order is not cancelable' });
      else {
        order.status = 'canceled';
        this.pushTradeUpdate('canceled', order);
        response.writeHead(204);
        response.end();
      }
    } else if (orderPath && method === 'PATCH') {
      const order = this.orders.get(orderPath[1]);
      if (!order || order.status !== 'new') {
        answer(422, { code: 42210000, message: 'order is not replaceable' });
        return;
      }
      order.status = 'replaced';
      this.pushTradeUpdate('replaced', order);
      const replacement: FakeAlpacaOrder = {
        ...order,
        id: randomUUID(),
        status: 'new',
        qty: String(body?.qty ?? order.qty),
        limit_price: (body?.limit_price as string | undefined) ?? order.limit_price,
      };
      this.orders.set(replacement.id, replacement);
      answer(200, replacement);
    } else if (method === 'GET' && url.pathname === '/v2/positions')
      answer(
        200,
        [...this.positions]
          .filter(([, p]) => p.qty !== 0)
          .map(([symbol, p]) => ({
            symbol,
            qty: String(p.qty),
            side: p.qty > 0 ? 'long' : 'short',
            avg_entry_price: String(p.avg),
            asset_class: OCC.test(symbol) ? 'us_option' : 'us_equity',
          })),
      );
    else if (method === 'GET' && url.pathname === '/v2/account')
      answer(200, {
        id: 'fake-account',
        status: 'ACTIVE',
        currency: 'USD',
        buying_power: '100000',
        cash: '100000',
        options_trading_level: 2,
      });
    else if (method === 'GET' && url.pathname === '/v2/options/contracts')
      answer(200, {
        option_contracts: [...this.books.keys()]
          .filter((symbol) => OCC.test(symbol))
          .map((symbol) => ({
            symbol,
            status: 'active',
            tradable: true,
            // Trading API, option contracts: the previous session's open interest and close, as strings.
            open_interest: String(this.books.get(symbol)?.openInterest ?? 0),
            close_price: String(this.books.get(symbol)?.prevClose ?? 0),
          })),
        next_page_token: null,
      });
    else answer(404, { code: 40410000, message: `no route ${method} ${url.pathname}` });
  }

  private placeOrder(body: Record<string, unknown>): { status: number; value: unknown } {
    const symbol = String(body.symbol);
    const book = this.books.get(symbol);
    if (!book) return { status: 422, value: { code: 42210000, message: `could not find asset "${symbol}"` } };
    if ([...this.orders.values()].some((order) => order.client_order_id === body.client_order_id))
      return { status: 422, value: { code: 40010001, message: 'client_order_id must be unique' } };
    const isOption = OCC.test(symbol);
    if (isOption && body.type !== 'market' && body.type !== 'limit')
      return {
        status: 422,
        value: { code: 42210000, message: `invalid order type for options: ${String(body.type)}` },
      };
    if (this.rejectNext) {
      this.rejectNext = false;
      return { status: 403, value: insufficientBuyingPower };
    }
    const order: FakeAlpacaOrder = {
      id: randomUUID(),
      client_order_id: String(body.client_order_id ?? randomUUID()),
      symbol,
      side: body.side === 'sell' ? 'sell' : 'buy',
      type: String(body.type),
      qty: String(body.qty),
      filled_qty: '0',
      filled_avg_price: null,
      limit_price: (body.limit_price as string | undefined) ?? null,
      time_in_force: String(body.time_in_force),
      status: 'new',
      asset_class: isOption ? 'us_option' : 'us_equity',
    };
    this.orders.set(order.id, order);
    this.pushTradeUpdate('new', order);
    if (this.autoFill) {
      const price = book.fillPrice(order.side, order.limit_price === null ? null : Number(order.limit_price));
      if (price !== null) setTimeout(() => this.execute(order, price), 5);
    }
    return { status: 200, value: order };
  }
}
