import { describe, expect, it } from 'vitest';
import nseFile from '../../../resources/charges/nse.json';
import usFile from '../../../resources/charges/us.json';
import type { ChargeInput } from '../../../src/main/trading/broker/paper/charges';
import {
  loadNseChargeFile,
  loadUsChargeFile,
  nseChargeModel,
  scheduleFor,
  usChargeModel,
} from '../../../src/main/trading/broker/paper/charges';
import { divideRounded, parseDecimal } from '../../../src/main/trading/broker/paper/exactDecimal';

const nse = nseChargeModel();
const us = usChargeModel();

function lines(breakdown: ReturnType<typeof nse.compute>): Record<string, number> {
  return Object.fromEntries(breakdown.lines.map((line) => [line.name, line.amount]));
}

const niftyBuy: ChargeInput = {
  kind: 'option',
  side: 'buy',
  quantity: 75,
  price: 10000,
  priceDecimals: 2,
  multiplier: 1,
  tradeDate: '2025-06-02',
  firstFillOfOrder: true,
};

describe('NSE options charges (rates from resources/charges/nse.json)', () => {
  it('buy 75 NIFTY CE at ₹100.00 on 2025-06-02 costs ₹26.95', () => {
    // Premium turnover 75 × 100.00 = ₹7,500.00 = 750000 paise. Schedule from 2024-10-01:
    //   brokerage  flat ₹20 per executed order                  = 2000 paise
    //   STT        sell side only                               = 0
    //   exchange   0.03503% × 750000 = 262.725 → 263 (half up)  = 263
    //   SEBI       ₹10/crore = 0.0001% × 750000 = 0.75 → 1      = 1
    //   stamp      0.003% × 750000 = 22.5 → 23 (buy side)       = 23
    //   GST        18% × (2000 + 263 + 1) = 407.52 → 408        = 408
    //   total      2000 + 263 + 1 + 23 + 408                    = 2695 paise
    const breakdown = nse.compute(niftyBuy);
    expect(lines(breakdown)).toEqual({
      brokerage: 2000,
      stt: 0,
      exchangeTransaction: 263,
      sebiFee: 1,
      stampDuty: 23,
      gst: 408,
    });
    expect(breakdown.total).toBe(2695);
  });

  it('sell 75 NIFTY CE at ₹110.00 on 2025-06-02 costs ₹35.27 (STT 0.1%)', () => {
    // Turnover 75 × 110.00 = 825000 paise.
    //   brokerage 2000; STT 0.1% × 825000 = 825; exchange 0.03503% × 825000 = 288.9975 → 289;
    //   SEBI 0.825 → 1; stamp 0 (sell); GST 18% × (2000 + 289 + 1) = 412.2 → 412.
    //   total 2000 + 825 + 289 + 1 + 412 = 3527 paise.
    const breakdown = nse.compute({ ...niftyBuy, side: 'sell', price: 11000 });
    expect(lines(breakdown)).toEqual({
      brokerage: 2000,
      stt: 825,
      exchangeTransaction: 289,
      sebiFee: 1,
      stampDuty: 0,
      gst: 412,
    });
    expect(breakdown.total).toBe(3527);
  });

  it('applies the 0.15% STT of the schedule in force from 2026-04-01', () => {
    // STT 0.15% × 825000 = 1237.5 → 1238; every other line as above: 2000 + 1238 + 289 + 1 + 412 = 3940.
    const breakdown = nse.compute({ ...niftyBuy, side: 'sell', price: 11000, tradeDate: '2026-11-20' });
    expect(lines(breakdown).stt).toBe(1238);
    expect(breakdown.total).toBe(3940);
  });

  it('bills the per-order brokerage (and its GST) only with the first fill of an order', () => {
    const later = lines(nse.compute({ ...niftyBuy, firstFillOfOrder: false }));
    expect(later.brokerage).toBe(0);
    // GST 18% × (263 + 1) = 47.52 → 48.
    expect(later.gst).toBe(48);
  });

  it('is exact for prices a double cannot hold (0.05 ticks) and for large orders', () => {
    // 1755 × ₹0.05 = ₹87.75 = 8775 paise: exchange 0.03503% × 8775 = 3.0738825 → 3.
    const small = lines(nse.compute({ ...niftyBuy, quantity: 1755, price: 5 }));
    expect(small.exchangeTransaction).toBe(3);
    // 1755 × ₹1234.55 = 216663525 paise: exchange = 75897.23... → 75897.
    const big = lines(nse.compute({ ...niftyBuy, quantity: 1755, price: 123455 }));
    expect(big.exchangeTransaction).toBe(75897);
  });
});

describe('US options fees (rates from resources/charges/us.json)', () => {
  const buy: ChargeInput = {
    kind: 'option',
    side: 'buy',
    quantity: 10,
    price: 250,
    priceDecimals: 2,
    multiplier: 100,
    tradeDate: '2026-11-20',
    firstFillOfOrder: true,
  };

  it('buy 10 TSLA calls at $2.50 costs $0.52', () => {
    // Alpaca: commission $0; ORF $0.02685 × 10 = $0.2685 → 27¢ (rounded up); OCC $0.02 × 10 = 20¢;
    // TAF sells only; SEC sells only; CAT $0.000046 × 10 × 100 shares = $0.046 → 5¢. Total 52¢.
    const breakdown = us.compute(buy);
    expect(lines(breakdown)).toEqual({ commission: 0, orf: 27, occ: 20, finraTaf: 0, secFee: 0, cat: 5 });
    expect(breakdown.total).toBe(52);
  });

  it('sell 10 TSLA calls at $3.00 costs $0.64', () => {
    // Principal 10 × $3.00 × 100 = $3,000. ORF 27¢, OCC 20¢, TAF $0.00279 × 10 = $0.0279 → 3¢,
    // SEC $27.80 per $1M × $3,000 = $0.0834 → 9¢, CAT 5¢. Total 64¢.
    const breakdown = us.compute({ ...buy, side: 'sell', price: 300 });
    expect(lines(breakdown)).toEqual({ commission: 0, orf: 27, occ: 20, finraTaf: 3, secFee: 9, cat: 5 });
    expect(breakdown.total).toBe(64);
  });

  it('caps the OCC clearing fee per trade at $55', () => {
    // 5000 contracts × $0.02 = $100, capped at $55.
    expect(lines(us.compute({ ...buy, quantity: 5000 })).occ).toBe(5500);
  });
});

describe('charge data files', () => {
  it('name their source and date and parse against the schema', () => {
    for (const file of [nseFile, usFile]) {
      expect(file.source.length).toBeGreaterThan(20);
      expect(file.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const schedule of file.schedules) expect(schedule.source.length).toBeGreaterThan(5);
    }
    expect(() => loadNseChargeFile()).not.toThrow();
    expect(() => loadUsChargeFile()).not.toThrow();
  });

  it('refuses a rate that is not a decimal string', () => {
    const broken = { ...nseFile, schedules: [{ ...nseFile.schedules[0], sttSellPercent: 0.1 }] };
    expect(() => loadNseChargeFile(broken)).toThrow();
  });

  it('picks the latest schedule in force on a date and refuses dates before the first', () => {
    const schedules = [{ effectiveFrom: '2024-10-01' }, { effectiveFrom: '2026-04-01' }];
    expect(scheduleFor(schedules, '2026-03-31').effectiveFrom).toBe('2024-10-01');
    expect(scheduleFor(schedules, '2026-04-01').effectiveFrom).toBe('2026-04-01');
    expect(() => scheduleFor(schedules, '2024-09-30')).toThrow('no charge schedule in force on 2024-09-30');
  });
});

describe('exact decimal arithmetic', () => {
  it('parses decimal strings without floating point', () => {
    expect(parseDecimal('0.03503')).toEqual({ numerator: 3503n, scale: 5 });
    expect(() => parseDecimal('1e-3')).toThrow();
  });

  it('rounds half up, up and down', () => {
    expect(divideRounded(5n, 2n, 'halfUp')).toBe(3n);
    expect(divideRounded(5n, 4n, 'halfUp')).toBe(1n);
    expect(divideRounded(5n, 4n, 'up')).toBe(2n);
    expect(divideRounded(7n, 4n, 'down')).toBe(1n);
  });
});
