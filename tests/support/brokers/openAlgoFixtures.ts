/**
 * OpenAlgo messages as its documentation and source show them, used by the fake server and the tests.
 * Sources (marketcalls/openalgo): websocket_proxy/server.py (auth, subscribe, error envelope,
 * market_data), docs/prompt/websockets.md (modes, depth layout), docs/api/websocket-streaming/
 * order-updates.md (subscribe_orders, order_update), docs/api/order-management/placeorder.md,
 * docs/api/account-services/orderbook.md / positionbook.md / tradebook.md, docs/api/market-data/
 * depth.md, docs/api/options-services/optionchain.md, docs/api/rate-limiting.md (429 body).
 */

/** websocket_proxy/server.py, authenticate_client: the success answer. */
export const authSuccess = (broker: string, userId: string): Record<string, unknown> => ({
  type: 'auth',
  status: 'success',
  message: 'Authentication successful',
  broker,
  user_id: userId,
  supported_features: { ltp: true, quote: true, depth: true },
});

/** websocket_proxy/server.py, send_error: `{"status":"error","code":…,"message":…}`. */
export const wsError = (code: string, message: string): Record<string, unknown> => ({
  status: 'error',
  code,
  message,
});

/** docs/prompt/websockets.md "Depth (Mode 3 with depth_level = 5)", as server.py wraps it. */
export const depthMessage = (
  symbol: string,
  exchange: string,
  data: {
    ltp: number;
    volume: number;
    buy: [number, number][];
    sell: [number, number][];
    timestampMs: number;
  },
): Record<string, unknown> => ({
  type: 'market_data',
  symbol,
  exchange,
  mode: 3,
  broker: 'fake',
  data: {
    ltp: data.ltp,
    volume: data.volume,
    depth: {
      buy: data.buy.map(([price, quantity]) => ({ price, quantity, orders: 1 })),
      sell: data.sell.map(([price, quantity]) => ({ price, quantity, orders: 1 })),
    },
    timestamp: data.timestampMs,
  },
});

/** docs/prompt/websockets.md "LTP (Mode 1)" (an index has no book). */
export const ltpMessage = (
  symbol: string,
  exchange: string,
  ltp: number,
  timestampMs: number,
): Record<string, unknown> => ({
  type: 'market_data',
  symbol,
  exchange,
  mode: 1,
  data: { ltp, timestamp: timestampMs },
});

/** docs/api/rate-limiting.md "Error Response" (HTTP 429). */
export const rateLimitBody = { status: 'error', message: 'Rate limit exceeded. Please try again later.' };

/** docs/api/order-management/placeorder.md "Sample API Response". */
export const placeOrderAnswer = (orderid: string): Record<string, unknown> => ({
  orderid,
  status: 'success',
});

/** A broker RMS reject as OpenAlgo passes it on (order-updates.md "A live rejection example"). */
export const rmsRejectReason = 'RMS:Margin Exceeds, Required:61250.00, Available:12000.00 for entity account';
