import { describe, expect, it } from 'vitest';
import { optionSymbol } from '../../../src/shared/domain/instrument';
import {
  buildOptionSymbol,
  isStrikeOnGrid,
  makeOptionInstrument,
  parseOptionSymbol,
  strikesAround,
  toOccSymbol,
  toOpenAlgoSymbol,
} from '../../../src/shared/domain/instruments/optionSymbols';
import { day, nseMaster, seriesOf, usMaster } from './marketData';

describe('option symbols', () => {
  it('builds the workstation form for NSE, matching the existing optionSymbol helper', () => {
    expect(buildOptionSymbol('NIFTY', '2026-01-13', 26000, 'CE')).toBe('NIFTY-2026-01-13-26000-CE');
    expect(buildOptionSymbol('NIFTY', '2026-01-13', 26000, 'PE')).toBe(
      optionSymbol('NIFTY', '2026-01-13', 26000, 'PE'),
    );
  });

  it('writes US rights as C/P and keeps fractional strikes', () => {
    expect(buildOptionSymbol('TSLA', '2026-01-16', 452.5, 'CE', 'C/P')).toBe('TSLA-2026-01-16-452.5-C');
  });

  it('parses both right styles back', () => {
    expect(parseOptionSymbol('TSLA-2026-01-16-452.5-P')).toEqual({
      underlying: 'TSLA',
      expiry: '2026-01-16',
      strike: 452.5,
      right: 'PE',
    });
    expect(parseOptionSymbol('NIFTY-2026-01-13-26000-CE')?.right).toBe('CE');
  });

  it('returns null for non-option symbols and impossible dates', () => {
    expect(parseOptionSymbol('NIFTY')).toBeNull();
    expect(parseOptionSymbol('NIFTY-2026-02-30-26000-CE')).toBeNull();
  });

  it('rejects a bad expiry date when building', () => {
    expect(() => buildOptionSymbol('NIFTY', '13-01-2026', 26000, 'CE')).toThrow(/YYYY-MM-DD/);
  });

  it('derives the OpenAlgo broker symbol', () => {
    expect(toOpenAlgoSymbol('NIFTY', '2024-03-28', 20800, 'CE')).toBe('NIFTY28MAR2420800CE');
  });

  it('derives the 21-character OCC symbol', () => {
    expect(toOccSymbol('SPY', '2026-01-16', 690, 'CE')).toBe('SPY   260116C00690000');
    expect(toOccSymbol('TSLA', '2026-01-16', 452.5, 'PE', false)).toBe('TSLA260116P00452500');
  });
});

describe('strikes and option instruments', () => {
  const nifty = seriesOf(nseMaster, 'NIFTY');
  const tsla = seriesOf(usMaster, 'TSLA');

  it('lists the ATM strike and N strikes either side on the strike grid', () => {
    expect(strikesAround(nifty, 26_012.4, 2)).toEqual([25_900, 25_950, 26_000, 26_050, 26_100]);
    expect(strikesAround(tsla, 451.1, 1)).toEqual([447.5, 450, 452.5]);
  });

  it('checks strikes against the grid', () => {
    expect(isStrikeOnGrid(nifty, 26_050)).toBe(true);
    expect(isStrikeOnGrid(nifty, 26_025)).toBe(false);
    expect(isStrikeOnGrid(tsla, 452.5)).toBe(true);
  });

  it('makes a typed option instrument carrying the series contract terms', () => {
    const instrument = makeOptionInstrument(nifty, { day: day('2026-01-13'), cycle: 'weekly' }, 26_000, 'CE');
    expect(instrument).toMatchObject({
      symbol: 'NIFTY-2026-01-13-26000-CE',
      kind: 'option',
      exchange: 'NFO',
      underlying: 'NIFTY',
      expiry: '2026-01-13',
      lotSize: 65,
      multiplier: 1,
      freezeQuantity: 1800,
      tickUnits: 5,
      exerciseStyle: 'european',
      expiryCycle: 'weekly',
    });
  });

  it('refuses a strike off the grid', () => {
    expect(() =>
      makeOptionInstrument(nifty, { day: day('2026-01-13'), cycle: 'weekly' }, 26_025, 'CE'),
    ).toThrow(/strike step 50/);
  });
});
