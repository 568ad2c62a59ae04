import { describe, expect, it } from 'vitest';
import { MarketDataError } from '../../../src/shared/domain/instruments/dataErrors';
import { findUnderlying, parseInstrumentMaster } from '../../../src/shared/domain/instruments/master';
import { cloneJson, nseMaster, nseMasterJson, seriesOf, usMaster } from './marketData';

function problemsOf(json: unknown): readonly string[] {
  try {
    parseInstrumentMaster(json, 'nse.json');
  } catch (error) {
    expect(error).toBeInstanceOf(MarketDataError);
    return (error as MarketDataError).problems;
  }
  throw new Error('expected the master to be rejected');
}

describe('instrument master data', () => {
  it('has the January 2026 NSE/BSE lot sizes, freeze quantities and 0.05 tick', () => {
    const expected: Record<string, [number, number]> = {
      NIFTY: [65, 1800],
      BANKNIFTY: [30, 600],
      FINNIFTY: [60, 1800],
      SENSEX: [20, 1000],
    };
    for (const [symbol, [lotSize, freezeQuantity]] of Object.entries(expected)) {
      const series = seriesOf(nseMaster, symbol);
      expect({ symbol, lotSize: series.lotSize, freeze: series.freezeQuantity }).toEqual({
        symbol,
        lotSize,
        freeze: freezeQuantity,
      });
      expect(series.tickUnits).toBe(5);
      expect(series.priceDecimals).toBe(2);
      expect(series.exerciseStyle).toBe('european');
    }
  });

  it('has US options with multiplier 100, lot 1 and tick 0.01', () => {
    for (const symbol of ['TSLA', 'SPY', 'QQQ']) {
      const series = seriesOf(usMaster, symbol);
      expect(series).toMatchObject({
        multiplier: 100,
        lotSize: 1,
        tickUnits: 1,
        priceDecimals: 2,
        rightStyle: 'C/P',
      });
    }
  });

  it('keeps each expiry rule with its source and date', () => {
    for (const underlying of [...nseMaster.underlyings, ...usMaster.underlyings]) {
      for (const rule of underlying.options.expiryRules) {
        expect(rule.source.length).toBeGreaterThan(10);
        expect(rule.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it('types underlyings as index or equity instruments on their calendar', () => {
    expect(findUnderlying(nseMaster, 'NIFTY').instrument).toMatchObject({
      kind: 'index',
      calendarId: 'nse',
      currency: 'INR',
    });
    expect(findUnderlying(usMaster, 'SPY').instrument).toMatchObject({
      kind: 'equity',
      calendarId: 'us',
      currency: 'USD',
    });
  });

  it('names the known underlyings when asked for an unknown one', () => {
    expect(() => findUnderlying(nseMaster, 'MIDCPNIFTY')).toThrow(
      /known: NIFTY, BANKNIFTY, FINNIFTY, SENSEX/,
    );
  });
});

describe('malformed master files', () => {
  it('reports a missing lot size by its path', () => {
    const broken = cloneJson(nseMasterJson) as { underlyings: { options: Record<string, unknown> }[] };
    delete broken.underlyings[1].options.lotSize;
    expect(problemsOf(broken).join('\n')).toMatch(/underlyings\[1\]\.options\.lotSize: /);
  });

  it('rejects a fractional lot size', () => {
    const broken = cloneJson(nseMasterJson);
    broken.underlyings[0].options.lotSize = 65.5;
    expect(problemsOf(broken)).toContain('underlyings[0].options.lotSize: must be a whole number');
  });

  it('rejects a tick size that is not a whole number of minor units', () => {
    const broken = cloneJson(nseMasterJson);
    broken.underlyings[0].options.tickSize = 0.005;
    expect(problemsOf(broken)).toContain(
      'underlyings[0].options.tickSize: 0.005 is not a whole number of 10^-2 units',
    );
  });

  it('rejects a weekly rule without a weekday', () => {
    const broken = cloneJson(nseMasterJson) as {
      underlyings: { options: { expiryRules: Record<string, unknown>[] } }[];
    };
    delete broken.underlyings[0].options.expiryRules[2].weekday;
    expect(problemsOf(broken)).toContain(
      'underlyings[0].options.expiryRules[2].weekday: is required for a weekly rule',
    );
  });

  it('rejects a duplicated underlying', () => {
    const broken = cloneJson(nseMasterJson);
    broken.underlyings[1].symbol = 'NIFTY';
    expect(problemsOf(broken)).toContain('underlyings[1].symbol: NIFTY is listed twice');
  });

  it('rejects unknown fields (a typo would otherwise be silently ignored)', () => {
    const broken = cloneJson(nseMasterJson) as { underlyings: { options: Record<string, unknown> }[] };
    broken.underlyings[0].options.lotsize = 65;
    expect(problemsOf(broken).join('\n')).toMatch(/underlyings\[0\]\.options: .*lotsize/);
  });

  it('rejects something that is not a master at all with a message naming the file', () => {
    expect(() => parseInstrumentMaster([1, 2, 3], 'resources/instruments/nse.json')).toThrow(
      /^resources\/instruments\/nse\.json is invalid: \(root\): /,
    );
  });
});
