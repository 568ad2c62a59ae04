import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { FakeBook } from './fakeBook';
import { routeOpenAlgoRest } from './fakeOpenAlgoRest';
import {
  authSuccess,
  depthMessage,
  ltpMessage,
  placeOrderAnswer,
  rateLimitBody,
  wsError,
} from './openAlgoFixtures';

/**
 * A local OpenAlgo: the REST API on one port and the WebSocket proxy on another (5000 and 8765 in a
 * real install), both on 127.0.0.1 with ports the OS picks. It speaks the documented messages (see
 * openAlgoFixtures.ts for sources) and can be told to misbehave the ways a real one does: refuse the
 * key, drop every connection, go silent (no data and no pongs), send a malformed frame, reject or
 * swallow an order, answer 429, and restart while keeping its orders and positions.
 */

export interface FakeOpenAlgoContract {
  /** OpenAlgo symbol and exchange, e.g. NIFTY30JAN2525000CE on NFO, NIFTY on NSE_INDEX. */
  readonly symbol: string;
  readonly exchange: string;
  readonly mid: number;
  readonly tick: number;
  readonly lotSize: number;
}

export interface FakeOpenAlgoOrder {
  orderid: string;
  symbol: string;
  exchange: string;
  action: 'BUY' | 'SELL';
  quantity: number;
  price: number;
  trigger_price: number;
  pricetype: string;
  product: string;
  order_status: 'open' | 'complete' | 'cancelled' | 'rejected' | 'trigger pending';
  filled_quantity: number;
  average_price: number;
  rejection_reason: string;
}

export interface RecordedRequest {
  readonly endpoint: string;
  readonly body: Record<string, unknown>;
}

interface Client {
  readonly socket: WebSocket;
  authenticated: boolean;
  orders: boolean;
  readonly subscriptions: Map<string, number>;
}

export const keyOf = (symbol: string, exchange: string): string => `${exchange}:${symbol}`;

export class FakeOpenAlgo {
  readonly requests: RecordedRequest[] = [];
  readonly orders = new Map<string, FakeOpenAlgoOrder>();
  readonly positions = new Map<
    string,
    { symbol: string; exchange: string; quantity: number; average: number }
  >();
  readonly books = new Map<string, FakeBook>();
  readonly wsMessages: Record<string, unknown>[] = [];
  private readonly clients = new Set<Client>();
  private httpServer: http.Server | null = null;
  private wsServer: WebSocketServer | null = null;
  private restPort = 0;
  private wsPortNumber = 0;
  private nextOrderId = 250408000989443;
  private ticker: NodeJS.Timeout | null = null;
  private silent = false;
  private rejectNext: string | null = null;
  private swallowNext = false;
  private rateLimitRemaining = 0;
  analyzer = false;
  /** Timestamp source for market data (ms); fixed so tests are deterministic unless changed. */
  now: () => number = Date.now;
  maxSymbolsPerConnection = 1000;
  /** Orders fill at once when marketable; false leaves them open until `fill()`. */
  autoFill = true;
  /** Moves every book on `publish(true)` instead of each book's own wiggle (a `FakeWalk`). */
  stepper: (() => void) | null = null;

  constructor(
    readonly apiKey: string,
    contracts: readonly FakeOpenAlgoContract[],
  ) {
    for (const contract of contracts)
      this.books.set(
        keyOf(contract.symbol, contract.exchange),
        new FakeBook(contract.mid, contract.tick, contract.lotSize),
      );
  }

  get restUrl(): string {
    return `http://127.0.0.1:${this.restPort}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.wsPortNumber}`;
  }

  async start(): Promise<this> {
    this.httpServer = http.createServer((request, response) => void this.onHttp(request, response));
    await new Promise<void>((resolve) => this.httpServer?.listen(this.restPort, '127.0.0.1', resolve));
    this.restPort = (this.httpServer.address() as AddressInfo).port;
    this.wsServer = new WebSocketServer({ host: '127.0.0.1', port: this.wsPortNumber, autoPong: false });
    await new Promise<void>((resolve) => this.wsServer?.once('listening', resolve));
    this.wsPortNumber = (this.wsServer.address() as AddressInfo).port;
    this.wsServer.on('connection', (socket) => this.onConnection(socket));
    return this;
  }

  async stop(): Promise<void> {
    this.stopTicking();
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => (this.wsServer ? this.wsServer.close(() => resolve()) : resolve()));
    this.httpServer?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.httpServer ? this.httpServer.close(() => resolve()) : resolve(),
    );
    this.wsServer = null;
    this.httpServer = null;
  }

  /** Fault: the process restarts on the same ports; orders and positions survive (they live at the broker). */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Fault: every WebSocket connection is cut mid-stream. */
  dropConnections(): void {
    for (const client of this.clients) client.socket.terminate();
  }

  /** Fault: keep connections open but send nothing, not even pongs. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** Fault: a frame that is not JSON. */
  sendMalformed(): void {
    for (const client of this.clients) client.socket.send('{"type":"market_data", "symbol": ');
  }

  /** Fault: the next placeorder is refused with this broker reason. */
  rejectNextOrder(reason: string): void {
    this.rejectNext = reason;
  }

  /** Fault: the next placeorder is executed but its answer is lost (connection cut). */
  swallowNextOrder(): void {
    this.swallowNext = true;
  }

  /** Fault: the next `count` order requests get HTTP 429. */
  rateLimitNextOrders(count: number): void {
    this.rateLimitRemaining = count;
  }

  subscribersOf(symbol: string, exchange: string): number {
    let count = 0;
    for (const client of this.clients) if (client.subscriptions.has(keyOf(symbol, exchange))) count++;
    return count;
  }

  get connectionCount(): number {
    return this.clients.size;
  }

  /** Pushes the current book of every subscribed contract; `step` moves the books first. */
  publish(step = true): void {
    if (this.silent) return;
    if (step) this.stepper?.();
    for (const [key, book] of this.books) {
      if (step && !this.stepper) book.step();
      const [exchange, symbol] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      const isIndex = exchange.endsWith('_INDEX');
      const message = isIndex
        ? ltpMessage(symbol, exchange, book.ltp, this.now())
        : depthMessage(symbol, exchange, {
            ltp: book.ltp,
            volume: book.volume,
            buy: book.bids().map((level) => [level.price, level.quantity]),
            sell: book.asks().map((level) => [level.price, level.quantity]),
            timestampMs: this.now(),
          });
      for (const client of this.clients)
        if (client.authenticated && client.subscriptions.has(key))
          client.socket.send(JSON.stringify(message));
    }
  }

  startTicking(intervalMs: number): void {
    this.stopTicking();
    this.ticker = setInterval(() => this.publish(), intervalMs);
  }

  stopTicking(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  /** Fills a working order (fully, or `quantity` of it) at its limit or the touch. */
  fill(orderid: string, quantity?: number): void {
    const order = this.orders.get(orderid);
    if (!order || order.order_status !== 'open') throw new Error(`order ${orderid} is not open`);
    const book = this.books.get(keyOf(order.symbol, order.exchange));
    const price =
      order.pricetype === 'LIMIT'
        ? order.price
        : (book?.fillPrice(order.action === 'BUY' ? 'buy' : 'sell', null) ?? order.price);
    this.execute(order, quantity ?? order.quantity - order.filled_quantity, price);
  }

  // ------------------------------------------------------------------ WebSocket
  private onConnection(socket: WebSocket): void {
    const client: Client = { socket, authenticated: false, orders: false, subscriptions: new Map() };
    this.clients.add(client);
    socket.on('ping', (data) => {
      if (!this.silent) socket.pong(data);
    });
    socket.on('close', () => this.clients.delete(client));
    socket.on('message', (raw) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(String(raw)) as Record<string, unknown>;
      } catch {
        this.send(client, wsError('INVALID_JSON', 'Invalid JSON message'));
        return;
      }
      this.wsMessages.push(message);
      this.onClientMessage(client, message);
    });
  }

  private send(client: Client, message: Record<string, unknown>): void {
    if (!this.silent && client.socket.readyState === WebSocket.OPEN)
      client.socket.send(JSON.stringify(message));
  }

  private onClientMessage(client: Client, message: Record<string, unknown>): void {
    const action = message.action ?? message.type;
    if (action === 'authenticate' || action === 'auth') {
      const key = message.api_key ?? message.apikey;
      if (key !== this.apiKey) {
        this.send(client, wsError('INVALID_API_KEY', 'Invalid API key'));
        return;
      }
      client.authenticated = true;
      this.send(client, authSuccess('fake', 'tester'));
      return;
    }
    if (!client.authenticated) {
      this.send(client, wsError('NOT_AUTHENTICATED', 'You must authenticate first'));
      return;
    }
    if (action === 'subscribe') this.subscribe(client, message);
    else if (action === 'unsubscribe') {
      for (const entry of (message.symbols ?? []) as Record<string, unknown>[])
        client.subscriptions.delete(keyOf(String(entry.symbol), String(entry.exchange)));
      this.send(client, {
        type: 'unsubscribe',
        status: 'success',
        message: 'Unsubscription processing complete',
      });
    } else if (action === 'subscribe_orders') {
      client.orders = true;
      this.send(client, {
        type: 'subscribe_orders',
        status: 'success',
        message: 'Subscribed to order updates',
        ...(message.request_id === undefined ? {} : { request_id: message.request_id }),
      });
    } else if (action === 'ping')
      this.send(client, { type: 'pong', status: 'success', server_timestamp: this.now() });
    else this.send(client, wsError('INVALID_ACTION', `Invalid action: ${String(action)}`));
  }

  private subscribe(client: Client, message: Record<string, unknown>): void {
    const symbols = (message.symbols ?? [{ symbol: message.symbol, exchange: message.exchange }]) as Record<
      string,
      unknown
    >[];
    const mode = Number(message.mode ?? 2);
    const results: Record<string, unknown>[] = [];
    for (const entry of symbols) {
      const key = keyOf(String(entry.symbol), String(entry.exchange));
      if (!client.subscriptions.has(key) && client.subscriptions.size >= this.maxSymbolsPerConnection) {
        this.send(
          client,
          wsError(
            'LIMIT_EXCEEDED',
            `Subscription limit of ${this.maxSymbolsPerConnection} symbols reached for ${key}`,
          ),
        );
        continue;
      }
      if (!this.books.has(key)) {
        results.push({
          symbol: entry.symbol,
          exchange: entry.exchange,
          status: 'error',
          message: 'SYMBOL_NOT_FOUND: symbol not found in master contract',
          broker: 'fake',
        });
        continue;
      }
      client.subscriptions.set(key, mode);
      results.push({
        symbol: entry.symbol,
        exchange: entry.exchange,
        status: 'success',
        mode,
        depth: 5,
        broker: 'fake',
      });
    }
    this.send(client, {
      type: 'subscribe',
      status: results.every((result) => result.status === 'success') ? 'success' : 'partial',
      subscriptions: results,
      message: 'Subscription processing complete',
      broker: 'fake',
    });
  }

  private pushOrderUpdate(order: FakeOpenAlgoOrder): void {
    const update = {
      type: 'order_update',
      mode: this.analyzer ? 'analyze' : 'live',
      broker: 'fake',
      ...order,
      pending_quantity: order.quantity - order.filled_quantity,
    };
    for (const client of this.clients) if (client.orders) this.send(client, update);
  }

  // ------------------------------------------------------------------ orders
  private execute(order: FakeOpenAlgoOrder, quantity: number, price: number): void {
    const filledBefore = order.filled_quantity;
    order.filled_quantity += quantity;
    order.average_price = (order.average_price * filledBefore + price * quantity) / order.filled_quantity;
    if (order.filled_quantity >= order.quantity) order.order_status = 'complete';
    const key = keyOf(order.symbol, order.exchange);
    const position = this.positions.get(key) ?? {
      symbol: order.symbol,
      exchange: order.exchange,
      quantity: 0,
      average: 0,
    };
    const signed = order.action === 'BUY' ? quantity : -quantity;
    const next = position.quantity + signed;
    position.average =
      next === 0
        ? 0
        : Math.sign(next) === Math.sign(signed) && position.quantity * signed >= 0
          ? (position.average * Math.abs(position.quantity) + price * quantity) / Math.abs(next)
          : position.average;
    position.quantity = next;
    this.positions.set(key, position);
    this.pushOrderUpdate(order);
  }

  placeOrder(body: Record<string, unknown>): { status: number; answer: Record<string, unknown> } {
    for (const field of ['symbol', 'action', 'exchange', 'quantity', 'strategy'])
      if (body[field] === undefined || body[field] === '')
        return { status: 400, answer: { status: 'error', message: `Missing mandatory field: ${field}` } };
    const key = keyOf(String(body.symbol), String(body.exchange));
    const book = this.books.get(key);
    if (!book)
      return {
        status: 400,
        answer: {
          status: 'error',
          message: `Symbol ${String(body.symbol)} not found for exchange ${String(body.exchange)}`,
        },
      };
    const quantity = Number(body.quantity);
    const order: FakeOpenAlgoOrder = {
      orderid: String(this.nextOrderId++),
      symbol: String(body.symbol),
      exchange: String(body.exchange),
      action: body.action === 'SELL' ? 'SELL' : 'BUY',
      quantity,
      price: Number(body.price ?? 0),
      trigger_price: Number(body.trigger_price ?? 0),
      pricetype: String(body.pricetype ?? 'MARKET'),
      product: String(body.product ?? 'MIS'),
      order_status: 'open',
      filled_quantity: 0,
      average_price: 0,
      rejection_reason: '',
    };
    this.orders.set(order.orderid, order);
    const reject =
      this.rejectNext ??
      (quantity % book.lotQuantity !== 0
        ? `Quantity ${quantity} is not a multiple of lot size ${book.lotQuantity}`
        : null);
    if (reject !== null) {
      this.rejectNext = null;
      order.order_status = 'rejected';
      order.rejection_reason = reject;
      this.pushOrderUpdate(order);
      return { status: 400, answer: { status: 'error', message: reject } };
    }
    this.pushOrderUpdate(order);
    if (this.autoFill && (order.pricetype === 'MARKET' || order.pricetype === 'LIMIT')) {
      const price = book.fillPrice(
        order.action === 'BUY' ? 'buy' : 'sell',
        order.pricetype === 'LIMIT' ? order.price : null,
      );
      if (price !== null) setTimeout(() => this.execute(order, order.quantity, price), 5);
    }
    return { status: 200, answer: placeOrderAnswer(order.orderid) };
  }

  orderEndpoint(
    endpoint: string,
    body: Record<string, unknown>,
  ): { status: number; answer: Record<string, unknown> } {
    const order = this.orders.get(String(body.orderid));
    if (endpoint === 'cancelorder' || endpoint === 'modifyorder') {
      if (!order) return { status: 400, answer: { status: 'error', message: 'Order not found' } };
      if (order.order_status !== 'open')
        return {
          status: 400,
          answer: { status: 'error', message: `Order not modifiable: it is ${order.order_status}` },
        };
      if (endpoint === 'cancelorder') {
        order.order_status = 'cancelled';
        this.pushOrderUpdate(order);
      } else {
        order.quantity = Number(body.quantity ?? order.quantity);
        order.price = Number(body.price ?? order.price);
        order.trigger_price = Number(body.trigger_price ?? order.trigger_price);
        this.pushOrderUpdate(order);
      }
      return { status: 200, answer: { status: 'success', orderid: order.orderid } };
    }
    if (endpoint === 'cancelallorder') {
      const cancelled = [...this.orders.values()].filter((open) => open.order_status === 'open');
      for (const open of cancelled) {
        open.order_status = 'cancelled';
        this.pushOrderUpdate(open);
      }
      return {
        status: 200,
        answer: {
          status: 'success',
          canceled_orders: cancelled.map((open) => open.orderid),
          failed_cancellations: [],
          message: `Canceled ${cancelled.length} orders. Failed to cancel 0 orders.`,
        },
      };
    }
    // closeposition: square off every open position at the touch.
    for (const position of this.positions.values()) {
      if (position.quantity === 0) continue;
      this.placeOrder({
        strategy: String(body.strategy ?? 'close'),
        symbol: position.symbol,
        exchange: position.exchange,
        action: position.quantity > 0 ? 'SELL' : 'BUY',
        quantity: String(Math.abs(position.quantity)),
        pricetype: 'MARKET',
        product: 'MIS',
      });
    }
    return { status: 200, answer: { status: 'success', message: 'All Open Positions SquaredOff' } };
  }

  // ------------------------------------------------------------------ REST
  private async onHttp(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const endpoint = (request.url ?? '').replace(/^\/api\/v1\//, '').replace(/\/$/, '');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      this.answer(response, 400, { status: 'error', message: 'Invalid JSON body' });
      return;
    }
    this.requests.push({ endpoint, body });
    if (body.apikey !== this.apiKey) {
      this.answer(response, 403, { status: 'error', message: 'Invalid openalgo apikey' });
      return;
    }
    const isOrder = ['placeorder', 'modifyorder', 'cancelorder', 'cancelallorder', 'closeposition'].includes(
      endpoint,
    );
    if (isOrder && this.rateLimitRemaining > 0) {
      this.rateLimitRemaining--;
      this.answer(response, 429, rateLimitBody);
      return;
    }
    if (endpoint === 'placeorder' && this.swallowNext) {
      this.swallowNext = false;
      this.placeOrder(body);
      request.socket.destroy();
      return;
    }
    const result = routeOpenAlgoRest(this, endpoint, body);
    this.answer(response, result.status, result.answer);
  }

  private answer(response: http.ServerResponse, status: number, body: Record<string, unknown>): void {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }
}
