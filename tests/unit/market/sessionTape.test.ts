import { describe, expect, it } from 'vitest';
import { SessionTape } from '../../../src/main/trading/market/sessionTape';

describe('session tape (ladder volume at price, index strip figures)', () => {
  it('splits volume by the side hit, keeps the first print as the open and a volume-weighted average', () => {
    const tape = new SessionTape();
    tape.trade(100, 10, 'buy', 1);
    tape.trade(100, 5, 'sell', 2);
    tape.trade(105, 5, 'unknown', 3);
    expect(tape.session()).toEqual({
      open: 100,
      vwap: 101.25,
      volume: 20,
      lastAggressor: 'unknown',
      tsLastTrade: 3,
    });
    // A seller crossing trades on the bid; a buyer on the offer; an unknown side is counted on neither.
    expect(tape.volumeNear(100)).toEqual([{ price: 100, atBid: 5, atAsk: 10 }]);
  });

  it('an index has an open and a time but no volume or VWAP', () => {
    const tape = new SessionTape();
    tape.indexValue(2_400_000, 10);
    tape.indexValue(2_401_000, 11);
    expect(tape.session()).toMatchObject({ open: 2_400_000, vwap: null, volume: 0, tsLastTrade: 11 });
  });

  it('carries only the prices nearest the last trade', () => {
    const tape = new SessionTape();
    for (let price = 1; price <= 400; price++) tape.trade(price, 1, 'buy', price);
    const near = tape.volumeNear(200);
    expect(near).toHaveLength(160);
    expect(Math.max(...near.map((entry) => Math.abs(entry.price - 200)))).toBeLessThanOrEqual(80);
  });
});
