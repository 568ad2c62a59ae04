import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asSymbol, type Symbol } from '../../../src/shared/domain/ids';
import type {
  BarEvent,
  DepthEvent,
  IndexTickEvent,
  QuoteEvent,
  Side,
  TradeEvent,
} from '../../../src/shared/domain/marketEvents';
import { asPrice } from '../../../src/shared/domain/price';
import { asTimestampUs } from '../../../src/shared/domain/time';
import type { OptionsContext } from '../../../src/shared/options/context';
import type {
  OptionsContextEvent,
  RecordedEvent,
  RecordedInstrument,
} from '../../../src/shared/recording/events';

export const NIFTY = asSymbol('NIFTY');
export const NIFTY_CE = asSymbol('NIFTY-2026-11-24-24000-CE');
/** 2026-11-24 09:15:00 IST in µs. */
export const SESSION_OPEN_US = Date.UTC(2026, 10, 24, 3, 45) * 1000;

export function makeInstrument(
  symbol: Symbol = NIFTY_CE,
  priceDecimals = 2,
  tickUnits = 5,
): RecordedInstrument {
  return { symbol, priceDecimals, tickUnits };
}

export function makeTrade(
  overrides: Partial<Omit<TradeEvent, 'type'>> & { tsOffsetUs?: number; aggressor?: Side | 'unknown' } = {},
): TradeEvent {
  return {
    type: 'trade',
    symbol: overrides.symbol ?? NIFTY_CE,
    tsEvent: overrides.tsEvent ?? asTimestampUs(SESSION_OPEN_US + (overrides.tsOffsetUs ?? 0)),
    price: overrides.price ?? asPrice(12345),
    size: overrides.size ?? 65,
    aggressor: overrides.aggressor ?? 'buy',
  };
}

export function makeQuote(
  overrides: Partial<Omit<QuoteEvent, 'type'>> & { tsOffsetUs?: number } = {},
): QuoteEvent {
  return {
    type: 'quote',
    symbol: overrides.symbol ?? NIFTY_CE,
    tsEvent: overrides.tsEvent ?? asTimestampUs(SESSION_OPEN_US + (overrides.tsOffsetUs ?? 0)),
    bidPrice: overrides.bidPrice ?? asPrice(12340),
    bidSize: overrides.bidSize ?? 650,
    askPrice: overrides.askPrice ?? asPrice(12345),
    askSize: overrides.askSize ?? 325,
  };
}

export function makeDepth(tsOffsetUs = 0): DepthEvent {
  return {
    type: 'depth',
    symbol: NIFTY_CE,
    tsEvent: asTimestampUs(SESSION_OPEN_US + tsOffsetUs),
    bids: [0, 1, 2, 3, 4].map((i) => ({ price: asPrice(12340 - i * 5), size: 65 * (i + 1) })),
    asks: [0, 1, 2, 3, 4].map((i) => ({ price: asPrice(12345 + i * 5), size: 130 * (i + 1) })),
  };
}

export function makeIndexTick(value = 2410055, tsOffsetUs = 0): IndexTickEvent {
  return {
    type: 'index',
    symbol: NIFTY,
    tsEvent: asTimestampUs(SESSION_OPEN_US + tsOffsetUs),
    value: asPrice(value),
  };
}

export function makeBar(tsOffsetUs = 0): BarEvent {
  return {
    type: 'bar',
    symbol: NIFTY,
    tsEvent: asTimestampUs(SESSION_OPEN_US + tsOffsetUs),
    intervalSeconds: 60,
    open: asPrice(2410000),
    high: asPrice(2412050),
    low: asPrice(2409015),
    close: asPrice(2411000),
    volume: 0,
  };
}

export function makeOptionsContext(tsOffsetUs = 0): OptionsContextEvent {
  const context: OptionsContext = {
    underlying: 'NIFTY',
    expiry: '2026-11-24',
    spot: 24100.55,
    pcr: 0.87,
    pcrVolume: 1.12,
    maxPainStrike: 24000,
    spotVsMaxPain: 0.004171,
    atmStrike: 24100,
    atmIV: 0.1423,
    ivPercentile: null,
    topGammaStrikes: [24100, 24000, 24200],
    gexFlipZones: [23950],
    netGex: -1.5e9,
    oiChangeCE: 120000,
    oiChangePE: -35000,
    spreadWidth: 0.1,
    lastUpdated: asTimestampUs(SESSION_OPEN_US + tsOffsetUs),
  };
  return {
    type: 'optionsContext',
    symbol: NIFTY,
    tsEvent: asTimestampUs(SESSION_OPEN_US + tsOffsetUs),
    context,
  };
}

/** A varied tape: trades and quotes 1 ms apart with prices walking a few ticks. */
export function makeTape(count: number, startOffsetUs = 0): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const tsOffsetUs = startOffsetUs + i * 1000;
    const price = asPrice(12345 + ((i * 7) % 11) * 5);
    if (i % 3 === 0) events.push(makeQuote({ tsOffsetUs, bidPrice: asPrice(price - 5), askPrice: price }));
    else
      events.push(
        makeTrade({ tsOffsetUs, price, size: 65 * (1 + (i % 4)), aggressor: i % 2 === 0 ? 'buy' : 'sell' }),
      );
  }
  return events;
}

export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-replay-'));
}
