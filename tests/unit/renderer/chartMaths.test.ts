import { describe, expect, it } from 'vitest';
import type { CandleView } from '../../../src/shared/api/views';
import { mergeCandles, pnlAt, sessionVwap, snapToTick } from '../../../src/renderer/src/chart/chartMaths';
import { orderLines } from '../../../src/renderer/src/chart/orderLines';

const bar = (second: number, close: number, volume = 10): CandleView => ({
  tsStart: second * 1_000_000,
  open: close,
  high: close + 5,
  low: close - 5,
  close,
  volume,
  buyVolume: volume,
  sellVolume: 0,
  source: 'trade',
});

describe('chart maths', () => {
  it('merges an update: the open bar is replaced, a new bar appended, a late one inserted in order', () => {
    const held = [bar(1, 100), bar(2, 105)];
    const merged = mergeCandles(held, [bar(2, 110), bar(3, 115)]);
    expect(merged.map((candle) => [candle.tsStart / 1_000_000, candle.close])).toEqual([
      [1, 100],
      [2, 110],
      [3, 115],
    ]);
    expect(held[1].close).toBe(105);
    expect(mergeCandles([bar(1, 100), bar(3, 115)], [bar(2, 107)]).map((candle) => candle.close)).toEqual([
      100, 107, 115,
    ]);
  });

  it('session VWAP weighs typical prices by volume; sigma is zero for one price and grows with spread', () => {
    const flat = sessionVwap([bar(1, 100), bar(2, 100)]);
    expect(flat.map((point) => point.vwap)).toEqual([100, 100]);
    expect(flat[1].sigma).toBe(0);
    const spread = sessionVwap([bar(1, 100, 30), bar(2, 200, 10)]);
    expect(spread[1].vwap).toBeCloseTo(125, 9);
    expect(spread[1].sigma).toBeCloseTo(Math.sqrt((30 * 25 ** 2 + 10 * 75 ** 2) / 40), 9);
  });

  it('snaps a chart price to the tick grid in price units, and prices P&L in minor units', () => {
    expect(snapToTick(39.47, 2, 5)).toBe(3945);
    expect(snapToTick(39.48, 2, 5)).toBe(3950);
    // Long 65 at 39.00, price 39.50: 0.50 × 65 = 32.50 → 3,250 minor units.
    expect(pnlAt(3950, { quantity: 65, averagePrice: 3900 }, 1, 2)).toBeCloseTo(3250, 9);
  });

  it('draws a line per working order not held by a group leg, per live leg, and the position average', () => {
    const order = (orderId: string, status: string) =>
      ({
        orderId,
        symbol: 'X',
        side: 'buy',
        type: 'limit',
        quantity: 65,
        filledQuantity: 0,
        limitPrice: 3900,
        status,
      }) as unknown as Parameters<typeof orderLines>[1][number];
    const group = {
      groupId: 'G1',
      symbol: 'X',
      state: 'active',
      legs: [
        {
          legId: 'tp',
          role: 'takeProfit',
          kind: 'limit',
          price: 4000,
          state: 'armed',
          openQuantity: 65,
          quantity: 65,
          orderIds: ['O2'],
        },
        {
          legId: 'sl',
          role: 'stopLoss',
          kind: 'stop',
          price: 3800,
          state: 'done',
          openQuantity: 0,
          quantity: 65,
          orderIds: [],
        },
      ],
    } as unknown as Parameters<typeof orderLines>[2][number];
    const lines = orderLines(
      'X',
      [order('O1', 'accepted'), order('O2', 'accepted'), order('O3', 'filled')],
      [group],
      {
        quantity: 65,
        averagePrice: 3899.6,
      } as Parameters<typeof orderLines>[3],
    );
    expect(lines.map((line) => [line.id, line.price, line.label])).toEqual([
      ['leg:G1:tp', 4000, 'TP 65'],
      ['order:O1', 3900, 'BUY LMT 65'],
      ['position', 3900, 'POS +65'],
    ]);
  });
});
