/**
 * Alpaca messages as its documentation shows them, for the fake server and the tests. Sources:
 * docs.alpaca.markets "Real-time Stock Data" / "WebSocket Stream" (welcome `[{"T":"success","msg":
 * "connected"}]`, auth, subscription, trade `T:"t"`, quote `T:"q"`, error codes 400–500),
 * "Real-time Option Data" (MessagePack only; 412, 413), "Websocket Streaming" of the Trading API
 * (authorization, listening, trade_updates events) and the Trading API reference for orders and
 * positions (error body `{"code":…,"message":…}`).
 */
export const connected = [{ T: 'success', msg: 'connected' }];
export const authenticated = [{ T: 'success', msg: 'authenticated' }];
export const streamError = (code: number, msg: string): Record<string, unknown>[] => [
  { T: 'error', code, msg },
];

export const subscriptionAck = (trades: string[], quotes: string[]): Record<string, unknown>[] => [
  {
    T: 'subscription',
    trades,
    quotes,
    bars: [],
    updatedBars: [],
    dailyBars: [],
    statuses: [],
    lulds: [],
    corrections: [],
    cancelErrors: [],
  },
];

/** Stock trade, e.g. `{"T":"t","S":"AAPL","i":52983525029461,"x":"V","p":150.2,"s":100,"c":["@"],"t":"2021-02-22T15:51:44.208Z","z":"C"}`. */
export const tradeMessage = (
  symbol: string,
  price: number,
  size: number,
  t: string | Date,
  id: number,
): Record<string, unknown> => ({
  T: 't',
  S: symbol,
  i: id,
  x: 'V',
  p: price,
  s: size,
  c: ['@'],
  t,
  z: 'C',
});

/** Quote, e.g. `{"T":"q","S":"AMD","bx":"U","bp":87.66,"bs":1,"ax":"Q","ap":87.68,"as":4,"t":"…","c":["R"],"z":"C"}`. */
export const quoteMessage = (
  symbol: string,
  bid: number,
  bidSize: number,
  ask: number,
  askSize: number,
  t: string | Date,
): Record<string, unknown> => ({
  T: 'q',
  S: symbol,
  bx: 'U',
  bp: bid,
  bs: bidSize,
  ax: 'Q',
  ap: ask,
  as: askSize,
  t,
  c: ['R'],
  z: 'C',
});

export const authorization = (authorized: boolean): Record<string, unknown> => ({
  stream: 'authorization',
  data: { status: authorized ? 'authorized' : 'unauthorized', action: 'authenticate' },
});
export const listening = { stream: 'listening', data: { streams: ['trade_updates'] } };

/** 403 body Alpaca sends for an order it cannot fund. */
export const insufficientBuyingPower = { code: 40310000, message: 'insufficient buying power' };
export const rateLimited = { code: 42910000, message: 'rate limit exceeded' };
