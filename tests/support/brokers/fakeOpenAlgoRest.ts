import type { FakeBook } from './fakeBook';
import type { FakeOpenAlgo } from './fakeOpenAlgo';
import { keyOf } from './fakeOpenAlgo';

/** The fake OpenAlgo's read endpoints and routing (docs/api/... of marketcalls/openalgo for each shape). */
type Answer = { status: number; answer: Record<string, unknown> };

export function routeOpenAlgoRest(
  fake: FakeOpenAlgo,
  endpoint: string,
  body: Record<string, unknown>,
): Answer {
  const ok = (answer: Record<string, unknown>): { status: number; answer: Record<string, unknown> } => ({
    status: 200,
    answer: { status: 'success', ...answer },
  });
  switch (endpoint) {
    case 'placeorder':
      return fake.placeOrder(body);
    case 'modifyorder':
    case 'cancelorder':
    case 'cancelallorder':
    case 'closeposition':
      return fake.orderEndpoint(endpoint, body);
    case 'orderbook': {
      const orders = [...fake.orders.values()].map(
        ({ filled_quantity: _filled, rejection_reason: _reason, ...row }) => ({
          ...row,
          quantity: String(row.quantity),
          price: row.order_status === 'complete' ? row.average_price : row.price,
          timestamp: '08-Apr-2025 13:58:03',
        }),
      );
      return ok({
        data: {
          orders,
          statistics: {
            total_buy_orders: orders.filter((o) => o.action === 'BUY').length,
            total_sell_orders: orders.filter((o) => o.action === 'SELL').length,
            total_completed_orders: orders.filter((o) => o.order_status === 'complete').length,
            total_open_orders: orders.filter((o) => o.order_status === 'open').length,
            total_rejected_orders: orders.filter((o) => o.order_status === 'rejected').length,
          },
        },
      });
    }
    case 'tradebook':
      return ok({
        data: [...fake.orders.values()]
          .filter((o) => o.filled_quantity > 0)
          .map((o) => ({
            action: o.action,
            symbol: o.symbol,
            exchange: o.exchange,
            orderid: o.orderid,
            product: o.product,
            quantity: o.filled_quantity,
            average_price: o.average_price,
            timestamp: '13:58:03',
            trade_value: o.average_price * o.filled_quantity,
          })),
      });
    case 'positionbook':
      return ok({
        data: [...fake.positions.values()].map((p) => ({
          symbol: p.symbol,
          exchange: p.exchange,
          product: 'MIS',
          quantity: String(p.quantity),
          average_price: String(p.average),
          ltp: String(fake.books.get(keyOf(p.symbol, p.exchange))?.ltp ?? 0),
          pnl: '0.00',
        })),
      });
    case 'funds':
      return ok({
        data: {
          availablecash: '100000.00',
          collateral: '0.00',
          m2mrealized: '0.00',
          m2munrealized: '0.00',
          utiliseddebits: '0.00',
        },
      });
    case 'orderstatus': {
      const order = fake.orders.get(String(body.orderid));
      if (!order) return { status: 400, answer: { status: 'error', message: 'Order not found' } };
      return ok({
        data: {
          action: order.action,
          average_price: order.average_price,
          exchange: order.exchange,
          order_status: order.order_status,
          orderid: order.orderid,
          price: order.price,
          pricetype: order.pricetype,
          product: order.product,
          quantity: String(order.quantity),
          symbol: order.symbol,
          timestamp: '28-Aug-2025 09:59:10',
          trigger_price: order.trigger_price,
        },
      });
    }
    case 'depth':
    case 'quotes': {
      const book = fake.books.get(keyOf(String(body.symbol), String(body.exchange)));
      if (!book) return { status: 400, answer: { status: 'error', message: 'Symbol not found' } };
      return endpoint === 'depth'
        ? ok({
            data: {
              ltp: book.ltp,
              volume: book.volume,
              oi: 0,
              asks: book.asks(),
              bids: book.bids(),
              totalbuyqty: 0,
              totalsellqty: 0,
            },
          })
        : ok({
            data: {
              ask: book.asks()[0].price,
              bid: book.bids()[0].price,
              ltp: book.ltp,
              volume: book.volume,
              oi: 0,
              open: book.mid,
              high: book.mid,
              low: book.mid,
              prev_close: book.mid,
            },
          });
    }
    case 'expiry':
      return ok({
        data: [
          ...new Set(
            [...fake.books.keys()]
              .map((key) => /(\d{2})([A-Z]{3})(\d{2})\d+(?:CE|PE)$/.exec(key))
              .flatMap((m) => (m ? [`${m[1]}-${m[2]}-${m[3]}`] : [])),
          ),
        ],
        message: 'Found expiry dates',
      });
    case 'optionchain':
      return optionChain(fake, body);
    case 'optionsymbol':
      return ok({
        symbol: `${String(body.underlying)}${String(body.expiry_date)}${String(body.offset)}`,
        exchange: 'NFO',
        lotsize: 65,
        tick_size: 0.05,
      });
    case 'history':
      return ok({ data: [] });
    case 'analyzer':
      return ok({
        data: { mode: fake.analyzer ? 'analyze' : 'live', analyze_mode: fake.analyzer, total_logs: 0 },
      });
    case 'analyzer/toggle':
      fake.analyzer = Boolean(body.mode);
      return ok({
        data: {
          mode: fake.analyzer ? 'analyze' : 'live',
          analyze_mode: fake.analyzer,
          message: `Analyzer mode switched to ${fake.analyzer ? 'analyze' : 'live'}`,
        },
      });
    default:
      return { status: 404, answer: { status: 'error', message: `Unknown endpoint ${endpoint}` } };
  }
}

/** `ITM2`, `ATM`, `OTM1`, …: how far a strike is from the ATM strike, in strikes, for one right. */
function labelOf(strikes: readonly number[], atm: number, strike: number, right: 'ce' | 'pe'): string {
  const distance = strikes.indexOf(strike) - strikes.indexOf(atm);
  if (distance === 0) return 'ATM';
  const inTheMoney = right === 'ce' ? distance < 0 : distance > 0;
  return `${inTheMoney ? 'ITM' : 'OTM'}${Math.abs(distance)}`;
}

/** docs/api/options-services/optionchain.md: one row per strike, `ce` / `pe` quotes with OI and volume. */
function optionChain(fake: FakeOpenAlgo, body: Record<string, unknown>): Answer {
  const underlying = String(body.underlying);
  const expiry = String(body.expiry_date);
  const sides = new Map<number, Map<'ce' | 'pe', [string, FakeBook]>>();
  for (const [key, book] of fake.books) {
    const match = new RegExp(`^(NFO|BFO):${underlying}${expiry}(\\d+(?:\\.\\d+)?)(CE|PE)$`).exec(key);
    if (!match) continue;
    const strike = Number(match[2]);
    const right = match[3] === 'CE' ? 'ce' : 'pe';
    sides.set(strike, (sides.get(strike) ?? new Map()).set(right, [key.slice(4), book]));
  }
  const spot = [...fake.books].find(([key]) => key.endsWith(`_INDEX:${underlying}`))?.[1].ltp ?? 0;
  const strikes = [...sides.keys()].sort((a, b) => a - b);
  const atm = strikes.reduce(
    (best, strike) => (Math.abs(strike - spot) < Math.abs(best - spot) ? strike : best),
    strikes[0] ?? 0,
  );
  const chain = strikes.map((strike) => {
    const row: Record<string, unknown> = { strike };
    for (const [right, [symbol, book]] of sides.get(strike) ?? [])
      row[right] = {
        symbol,
        label: labelOf(strikes, atm, strike, right),
        ltp: book.ltp,
        bid: book.bids()[0].price,
        ask: book.asks()[0].price,
        open: book.prevClose,
        high: Math.max(book.prevClose, book.mid),
        low: Math.min(book.prevClose, book.mid),
        prev_close: book.prevClose,
        volume: book.volume,
        oi: book.openInterest,
        lotsize: book.lotQuantity,
        tick_size: book.tick,
      };
    return row;
  });
  return {
    status: 200,
    answer: {
      status: 'success',
      underlying,
      underlying_ltp: spot,
      expiry_date: expiry,
      atm_strike: atm,
      chain,
    },
  };
}
