import { describe, expect, it } from 'vitest';
import type { Fill } from '../../../src/shared/domain/orders';
import type { Price } from '../../../src/shared/domain/price';
import { PositionBook } from '../../../src/main/trading/oms/positions';
import { makeFill, makeNseOption, makeUsOption, p } from './factories';

const nifty = makeNseOption().symbol;
const tsla = makeUsOption().symbol;

function fill(side: Fill['side'], quantity: number, price: number, overrides: Partial<Fill> = {}): Fill {
  return makeFill({ side, quantity, price: p(price), ...overrides });
}

describe('PositionBook', () => {
  it('realises (exit - entry) × quantity × multiplier on a round trip, in paise', () => {
    const book = new PositionBook();
    book.applyFill(fill('buy', 65, 10000), 1);
    const effect = book.applyFill(fill('sell', 65, 11000), 1);
    // (110.00 - 100.00) × 65 = ₹650.00 = 65000 paise.
    expect(effect.realisedPnl).toBe(65000);
    expect(effect.position.quantity).toBe(0);
    expect(effect.position.realisedPnl).toBe(65000);
  });

  it('applies the contract multiplier for US options, in cents', () => {
    const book = new PositionBook();
    book.applyFill(fill('buy', 10, 250, { symbol: tsla }), 100);
    const effect = book.applyFill(fill('sell', 10, 300, { symbol: tsla }), 100);
    // ($3.00 - $2.50) × 10 contracts × 100 = $500.00 = 50000 cents.
    expect(effect.realisedPnl).toBe(50000);
  });

  it('closes the oldest lot first (FIFO)', () => {
    const book = new PositionBook();
    book.applyFill(fill('buy', 65, 10000), 1);
    book.applyFill(fill('buy', 65, 10200), 1);
    const effect = book.applyFill(fill('sell', 65, 10500), 1);
    // Closes the 100.00 lot: (105.00 - 100.00) × 65 = 32500 paise; the 102.00 lot stays open.
    expect(effect.realisedPnl).toBe(32500);
    expect(book.state(nifty, 'manual')?.lots).toEqual([{ price: 10200, quantity: 65 }]);
    expect(effect.position.averagePrice).toBe(10200);
  });

  it('flips through zero: closes the long and opens a short with the rest', () => {
    const book = new PositionBook();
    book.applyFill(fill('buy', 65, 10000), 1);
    const effect = book.applyFill(fill('sell', 130, 10500), 1);
    expect(effect.closedQuantity).toBe(65);
    expect(effect.openedQuantity).toBe(65);
    expect(effect.realisedPnl).toBe(32500);
    expect(effect.position.quantity).toBe(-65);
    expect(effect.position.averagePrice).toBe(10500);
  });

  it('profits on a short when the price falls', () => {
    const book = new PositionBook();
    book.applyFill(fill('sell', 65, 10000), 1);
    const effect = book.applyFill(fill('buy', 65, 9000), 1);
    expect(effect.realisedPnl).toBe(65000);
  });

  it('marks unrealised P&L to the last trade', () => {
    const book = new PositionBook();
    book.applyFill(fill('buy', 130, 10000), 1);
    book.mark(nifty, p(10525));
    expect(book.get(nifty, 'manual')?.unrealisedPnl).toBe(525 * 130);
    book.applyFill(fill('sell', 195, 10500, { fillId: 'fill-2' as Fill['fillId'] }), 1);
    book.mark(nifty, p(10400));
    // Short 65 from 105.00, mark 104.00: +1.00 × 65.
    expect(book.get(nifty, 'manual')?.unrealisedPnl).toBe(6500);
  });

  it('keeps manual, auto and replay positions apart in the same symbol', () => {
    const book = new PositionBook();
    book.applyFill(fill('buy', 65, 10000, { source: 'manual' }), 1);
    book.applyFill(fill('sell', 130, 10000, { source: 'auto' }), 1);
    expect(book.quantity(nifty, 'manual')).toBe(65);
    expect(book.quantity(nifty, 'auto')).toBe(-130);
    expect(book.netQuantity(nifty)).toBe(-65);
    expect(book.all().map((position) => position.source)).toEqual(['auto', 'manual']);
  });

  it('accumulates charges separately from realised P&L', () => {
    const book = new PositionBook();
    book.applyFill(fill('buy', 65, 10000, { charges: 2695 }), 1);
    const effect = book.applyFill(fill('sell', 65, 10100, { charges: 3527 }), 1);
    expect(effect.position.realisedPnl).toBe(6500);
    expect(effect.position.charges).toBe(6222);
  });

  it('shows a fractional average price while every P&L figure stays an integer', () => {
    const book = new PositionBook();
    book.applyFill(fill('buy', 65, 10000), 1);
    book.applyFill(fill('buy', 65, 10005), 1);
    expect(book.get(nifty, 'manual')?.averagePrice).toBe(10002.5);
    let realised = 0;
    for (let i = 0; i < 26; i++) realised += book.applyFill(fill('sell', 5, 10015 + i * 5), 1).realisedPnl;
    expect(Number.isInteger(realised)).toBe(true);
    expect(book.quantity(nifty, 'manual')).toBe(0);
    // Σ exits - Σ entries: 5 × Σ(10015 + 5i, i<26) - 65 × (10000 + 10005).
    const exits = 5 * (26 * 10015 + 5 * ((25 * 26) / 2));
    expect(realised).toBe(exits - 65 * 10000 - 65 * 10005);
  });

  it('refuses fractional quantities and prices', () => {
    const book = new PositionBook();
    expect(() => book.applyFill(fill('buy', 1.5, 10000), 1)).toThrow('positive integer');
    expect(() => book.applyFill(makeFill({ price: 100.5 as Price }), 1)).toThrow('integer units');
  });
});
