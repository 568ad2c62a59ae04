import { describe, expect, it } from 'vitest';
import { bracketPrices } from '../../../src/main/trading/oms/bracketPrices';
import type { BracketDistances } from '../../../src/main/trading/oms/bracketPrices';
import { asPrice } from '../../../src/shared/domain/price';

/** NSE options: 2 decimals, tick 0.05 (5 units). */
const NSE_OPTION = { priceDecimals: 2, tickUnits: 5 };

function makeDistances(overrides: Partial<BracketDistances> = {}): BracketDistances {
  return { side: 'buy', limitPrice: null, bestOpposite: asPrice(12_000), ...overrides };
}

describe('bracketPrices: TP/SL ticks to prices on the tick grid', () => {
  it('a market buy measures from the best offer: TP above, SL below, exactly n ticks', () => {
    const prices = bracketPrices(makeDistances({ takeProfitTicks: 20, stopLossTicks: 10 }), NSE_OPTION);
    expect(prices).toEqual({ ok: true, entryReference: 12_000, takeProfit: 12_100, stopLoss: 11_950 });
  });

  it('a market sell measures from the best bid: TP below, SL above', () => {
    const prices = bracketPrices(
      makeDistances({ side: 'sell', bestOpposite: asPrice(11_995), takeProfitTicks: 4, stopLossTicks: 2 }),
      NSE_OPTION,
    );
    expect(prices).toEqual({ ok: true, entryReference: 11_995, takeProfit: 11_975, stopLoss: 12_005 });
  });

  it('a limit entry measures from its limit, rounded onto the grid the passive way', () => {
    const buy = bracketPrices(makeDistances({ limitPrice: 12_003, takeProfitTicks: 1 }), NSE_OPTION);
    expect(buy).toMatchObject({ ok: true, entryReference: 12_000, takeProfit: 12_005 });
    const sell = bracketPrices(
      makeDistances({ side: 'sell', limitPrice: 12_003, stopLossTicks: 1 }),
      NSE_OPTION,
    );
    expect(sell).toMatchObject({ ok: true, entryReference: 12_005, stopLoss: 12_010 });
  });

  it('leaves out the leg that was not asked for', () => {
    const prices = bracketPrices(makeDistances({ stopLossTicks: 3 }), NSE_OPTION);
    expect(prices).toEqual({ ok: true, entryReference: 12_000, takeProfit: undefined, stopLoss: 11_985 });
  });

  it('names the field whose exit would land at or below zero', () => {
    const prices = bracketPrices(makeDistances({ takeProfitTicks: 5, stopLossTicks: 2_400 }), NSE_OPTION);
    expect(prices).toMatchObject({ ok: false, field: 'stopLossTicks', refused: false });
    const short = bracketPrices(makeDistances({ side: 'sell', takeProfitTicks: 2_400 }), NSE_OPTION);
    expect(short).toMatchObject({ ok: false, field: 'takeProfitTicks' });
  });

  it('refuses a market entry with no opposite price to measure from', () => {
    const prices = bracketPrices(makeDistances({ bestOpposite: null, takeProfitTicks: 5 }), NSE_OPTION);
    expect(prices).toMatchObject({ ok: false, field: 'entry', refused: true });
  });
});
