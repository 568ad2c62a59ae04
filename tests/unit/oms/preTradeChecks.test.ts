import { describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../src/shared/domain/orders';
import type {
  MarketReference,
  PreTradeInput,
  PreTradeLimits,
} from '../../../src/main/trading/oms/preTradeChecks';
import { DEFAULT_PRE_TRADE_LIMITS, runPreTradeChecks } from '../../../src/main/trading/oms/preTradeChecks';
import { makeNseOption, makeOrderRequest, makeUsOption, p } from './factories';

const nifty = makeNseOption();
const reference: MarketReference = { bid: p(9995), ask: p(10005), last: p(10000) };

function check(
  request: Partial<OrderRequest>,
  overrides: Partial<PreTradeInput> = {},
  limits: Partial<PreTradeLimits> = {},
) {
  return runPreTradeChecks({
    request: makeOrderRequest(request),
    instrument: nifty,
    reference,
    positionQuantity: 0,
    availableFunds: null,
    limits: { ...DEFAULT_PRE_TRADE_LIMITS, ...limits },
    ...overrides,
  });
}

function rejection(result: ReturnType<typeof check>) {
  if (result.ok) throw new Error('expected a rejection');
  return result.rejection;
}

describe('pre-trade checks', () => {
  it('passes a plain limit order and reports its premium as the money needed', () => {
    const result = check({});
    expect(result.ok).toBe(true);
    // 65 × ₹100.00 = ₹6500.00 = 650000 paise.
    if (result.ok) expect(result.marginRequired).toBe(650000);
  });

  it('refuses an unknown instrument', () => {
    expect(rejection(check({}, { instrument: undefined })).code).toBe('unknownInstrument');
  });

  it('refuses a quantity that is not a positive whole number', () => {
    expect(rejection(check({ quantity: 0 })).code).toBe('invalidQuantity');
    expect(rejection(check({ quantity: 6.5 })).code).toBe('invalidQuantity');
  });

  it('refuses a quantity that is not a lot multiple, naming the lot size', () => {
    const { code, message } = rejection(check({ quantity: 100 }));
    expect(code).toBe('lotMultiple');
    expect(message).toBe('quantity 100 is not a multiple of the lot size 65 of NIFTY-2026-11-24-24000-CE');
  });

  it('refuses a limit order without a limit price and a stop without a stop price', () => {
    expect(rejection(check({ limitPrice: undefined })).message).toBe('limit order needs a limitPrice');
    expect(rejection(check({ type: 'stop', limitPrice: undefined })).message).toBe(
      'stop order needs a stopPrice',
    );
  });

  it('rounds an off-tick buy limit down and a sell limit up, never more aggressive than typed', () => {
    const buy = check({ limitPrice: p(10003) });
    const sell = check({ side: 'sell', limitPrice: p(10003) }, { positionQuantity: 65 });
    expect(buy.ok && buy.request.limitPrice).toBe(10000);
    expect(sell.ok && sell.request.limitPrice).toBe(10005);
    expect(buy.ok && buy.adjustments).toEqual(['limitPrice 100.03 rounded down to 100.00']);
  });

  it('rounds a buy stop up and a sell stop down, so it never triggers earlier than typed', () => {
    const buy = check({ type: 'stop', limitPrice: undefined, stopPrice: p(10002) });
    const sell = check(
      { type: 'stop', side: 'sell', limitPrice: undefined, stopPrice: p(10002) },
      { positionQuantity: 65 },
    );
    expect(buy.ok && buy.request.stopPrice).toBe(10005);
    expect(sell.ok && sell.request.stopPrice).toBe(10000);
  });

  it('refuses off-tick prices when the policy is reject', () => {
    const { code, message } = rejection(check({ limitPrice: p(10003) }, {}, { tickPolicy: 'reject' }));
    expect(code).toBe('offTick');
    expect(message).toBe('limitPrice 100.03 is not a multiple of the tick 0.05');
  });

  it('refuses a limit outside the price band around the last trade', () => {
    const { code, message } = rejection(check({ limitPrice: p(15000) }, {}, { priceBandPercent: 20 }));
    expect(code).toBe('priceBand');
    expect(message).toBe('limitPrice 150.00 is outside the ±20% band around 100.00 (80.00–120.00)');
  });

  it('refuses an order above the maximum order value', () => {
    const { code, message } = rejection(check({ quantity: 650 }, {}, { maxOrderValue: 5_000_000 }));
    expect(code).toBe('maxOrderValue');
    expect(message).toBe('order value 65000.00 INR exceeds the per-order limit 50000.00 INR');
  });

  it('values a market order at the touch it would take', () => {
    // Market buy values at the ask 100.05: 650 × 100.05 = 65032.50 > 65000.00.
    const { code } = rejection(
      check({ type: 'market', limitPrice: undefined, quantity: 650 }, {}, { maxOrderValue: 6_500_000 }),
    );
    expect(code).toBe('maxOrderValue');
  });

  it('refuses a market order when there is no price at all', () => {
    const empty: MarketReference = { bid: null, ask: null, last: null };
    expect(rejection(check({ type: 'market', limitPrice: undefined }, { reference: empty })).code).toBe(
      'noMarketData',
    );
  });

  it('refuses an order the funds cannot pay for, with both amounts', () => {
    const { code, message } = rejection(check({}, { availableFunds: 500_000 }));
    expect(code).toBe('insufficientFunds');
    expect(message).toBe('order needs 6500.00 INR, only 5000.00 INR available');
  });

  it('blocks 12% of the strike notional for selling an option to open (the documented short rule)', () => {
    const result = check({ side: 'sell' }, { availableFunds: 1e12 });
    // 12% × 24000.00 × 65 = ₹187200.00 = 18720000 paise.
    expect(result.ok && result.marginRequired).toBe(18_720_000);
  });

  it('needs no money for the part of an order that closes a position', () => {
    const result = check({ side: 'sell' }, { positionQuantity: 65, availableFunds: 0 });
    expect(result.ok && result.marginRequired).toBe(0);
  });

  it('uses the contract multiplier for US options', () => {
    const tsla = makeUsOption();
    const result = runPreTradeChecks({
      request: makeOrderRequest({ symbol: tsla.symbol, quantity: 3, limitPrice: p(250) }),
      instrument: tsla,
      reference: { bid: p(249), ask: p(251), last: p(250) },
      positionQuantity: 0,
      availableFunds: null,
      limits: DEFAULT_PRE_TRADE_LIMITS,
    });
    // 3 contracts × $2.50 × 100 = $750.00.
    expect(result.ok && result.marginRequired).toBe(75_000);
  });

  it('refuses a reduce-only order that would open or grow a position', () => {
    expect(rejection(check({ side: 'sell', reduceOnly: true })).message).toBe(
      'reduce-only sell of NIFTY-2026-11-24-24000-CE would open a position (position 0)',
    );
    expect(
      rejection(check({ side: 'sell', reduceOnly: true, quantity: 130 }, { positionQuantity: 65 })).message,
    ).toBe('reduce-only sell of 130 exceeds the open position of 65 NIFTY-2026-11-24-24000-CE');
    expect(check({ side: 'sell', reduceOnly: true }, { positionQuantity: 65 }).ok).toBe(true);
  });

  it('slices above the freeze quantity into legal lot multiples', () => {
    const result = check({ quantity: 3965 }, { availableFunds: null });
    expect(result.ok && result.slices).toEqual([1755, 1755, 455]);
  });
});
