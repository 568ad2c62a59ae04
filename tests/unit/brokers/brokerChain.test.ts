import { afterEach, describe, expect, it } from 'vitest';
import { BrokerChainBook } from '../../../src/main/brokers/config/brokerChain';
import type { BrokerMarketFeed } from '../../../src/main/brokers/config/brokerMarketFeed';
import { createBrokerMarketFeed } from '../../../src/main/brokers/config/brokerMarketFeed';
import { settingsSchema } from '../../../src/main/platform/settings';
import { optionsEventsFromChain } from '../../../src/main/trading/desk/optionsEvents';
import { loadMarketProfile } from '../../../src/main/trading/reference/marketProfiles';
import type { Instrument, OptionInstrument } from '../../../src/shared/domain/instrument';
import type { MarketEvent } from '../../../src/shared/domain/marketEvents';
import type { Price } from '../../../src/shared/domain/price';
import type { TimestampUs } from '../../../src/shared/domain/time';
import { priceOption } from '../../../src/shared/options/pricing';
import { FakeAlpaca } from '../../support/brokers/fakeAlpaca';
import { FakeOpenAlgo } from '../../support/brokers/fakeOpenAlgo';
import { FakeWalk } from '../../support/brokers/fakeWalk';
import { optionOf, underlyingOf } from '../../support/brokers/brokerInstruments';
import { until } from '../../support/brokers/until';

/** 10:00 IST on 2026-01-06, a NIFTY expiry day; the expiry settles at 15:30 IST. */
const T0_MS = Date.parse('2026-01-06T04:30:00Z');
const T0 = (T0_MS * 1000) as TimestampUs;
const CLOSE_MS = Date.parse('2026-01-06T10:00:00Z');
const YEARS = (CLOSE_MS - T0_MS) / (365 * 86_400_000);
const IV = 0.15;
const SPOT = 26_010;

const nifty = underlyingOf('nse', 'NIFTY');
const strikes = [25_950, 26_000, 26_050];
const options: OptionInstrument[] = strikes.flatMap((strike) =>
  (['CE', 'PE'] as const).map((right) => optionOf('nse', 'NIFTY', '2026-01-06', strike, right)),
);
const later = optionOf('nse', 'NIFTY', '2026-01-13', 26_000, 'CE');
const instruments: Instrument[] = [nifty, ...options, later];
const { calendar } = loadMarketProfile('nse');

/** Price units of a decimal price (NSE options: 2 decimals, tick 0.05). */
const units = (value: number, decimals = 2): Price => Math.round(value * 10 ** decimals) as Price;
const onTick = (value: number): number => Math.round(value / 0.05) * 0.05;

/** The events a feed would carry: the index value, each contract's touch around its BSM value, one print. */
function events(spot = SPOT): MarketEvent[] {
  const list: MarketEvent[] = [{ type: 'index', symbol: nifty.symbol, tsEvent: T0, value: units(spot) }];
  for (const option of options) {
    const fair = priceOption({
      model: 'bs',
      type: option.right === 'CE' ? 'call' : 'put',
      spot,
      strike: option.strike,
      years: YEARS,
      rate: 0,
      vol: IV,
    }).price;
    list.push({
      type: 'quote',
      symbol: option.symbol,
      tsEvent: T0,
      bidPrice: units(onTick(fair) - 0.05),
      bidSize: 650,
      askPrice: units(onTick(fair) + 0.05),
      askSize: 975,
    });
  }
  list.push({
    type: 'trade',
    symbol: options[2].symbol,
    tsEvent: (T0 + 1_000_000) as TimestampUs,
    price: units(40),
    size: 130,
    aggressor: 'buy',
  });
  return list;
}

function bookWith(list: MarketEvent[]): BrokerChainBook {
  const book = new BrokerChainBook(instruments, calendar);
  for (const event of list) book.observe(event);
  return book;
}

describe('the broker feed chain (BrokerChainBook)', () => {
  it('builds the nearest expiry from streamed quotes: IVs from the mids, OI from the facts, prints as volume', () => {
    const book = bookWith(events());
    const facts = new Map([[options[2].symbol, { oi: 4000, prevClose: 35 }]]);
    const chain = book.snapshot('NIFTY', undefined, facts);
    expect(chain).toMatchObject({
      underlying: 'NIFTY',
      spot: SPOT,
      expiry: '2026-01-06',
      expiryUs: CLOSE_MS * 1000,
      // Market time: the latest event seen, not the wall clock.
      timestampUs: T0 + 1_000_000,
      contractMultiplier: 65,
    });
    expect(chain.rows.map((row) => row.strike)).toEqual(strikes);
    for (const row of chain.rows)
      for (const quote of [row.ce, row.pe]) {
        expect(quote?.bid).toBeGreaterThan(0);
        // The touch is rounded to the tick around the model value: the IV lands near the model's.
        expect(quote?.iv).toBeCloseTo(IV, 2);
      }
    const traded = chain.rows[1].ce;
    expect(traded).toMatchObject({ oi: 4000, volume: 2, ltp: 40, ltpChange: 5, bidQty: 650, askQty: 975 });
    expect(chain.rows[0].ce).toMatchObject({ oi: 0, volume: 0, ltp: 0, ltpChange: 0 });
    // The engine's conversion takes it as it takes the built-in exchange's chain.
    const { context, stats } = optionsEventsFromChain(chain, instruments, T0);
    expect(context.context).toMatchObject({ underlying: 'NIFTY', atmStrike: 26_000 });
    expect(context.context.atmIV).toBeCloseTo(IV, 2);
    expect(stats.find((stat) => stat.symbol === options[2].symbol)?.openInterest).toBe(4000 * 65);
  });

  it('is deterministic: the same events and facts give the same chain', () => {
    const facts = new Map([[options[0].symbol, { oi: 10, volume: 3 }]]);
    expect(bookWith(events()).snapshot('NIFTY', undefined, facts)).toEqual(
      bookWith(events()).snapshot('NIFTY', undefined, facts),
    );
  });

  it('takes a listed expiry when asked; a contract without data is an empty side', () => {
    const book = bookWith(events());
    const chain = book.snapshot('NIFTY', '2026-01-06');
    expect(chain.rows[0].ce).not.toBeNull();
    expect(() => book.snapshot('NIFTY', '2026-01-13')).toThrow(
      /no quotes or prints yet for NIFTY 2026-01-13/,
    );
    expect(book.expiries('NIFTY')).toEqual(['2026-01-06', '2026-01-13']);
  });

  it('fails clearly while data is missing or the expiry is not listed', () => {
    expect(() => bookWith([]).snapshot('NIFTY', undefined)).toThrow(
      /no price for NIFTY from the broker's feed yet/,
    );
    expect(() => bookWith(events().slice(0, 1)).snapshot('NIFTY', undefined)).toThrow(
      /no quotes or prints yet for NIFTY 2026-01-06 options/,
    );
    expect(() => bookWith(events()).snapshot('NIFTY', '2026-01-20')).toThrow(
      'NIFTY has no listed expiry 2026-01-20 (listed: 2026-01-06, 2026-01-13)',
    );
    expect(() => bookWith(events()).snapshot('BANKNIFTY', undefined)).toThrow(
      'the broker lists no options for BANKNIFTY',
    );
  });

  it('leaves the IV null where the mid cannot be inverted (below intrinsic value)', () => {
    const list = events();
    const deepCall = options[0];
    list.push({
      type: 'quote',
      symbol: deepCall.symbol,
      tsEvent: T0,
      bidPrice: units(1),
      bidSize: 65,
      askPrice: units(1.1),
      askSize: 65,
    });
    expect(bookWith(list).snapshot('NIFTY', undefined).rows[0].ce?.iv).toBeNull();
  });
});

describe("the broker market feed's chain() against the local servers", () => {
  let feed: BrokerMarketFeed | null = null;
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await feed?.stop();
    feed = null;
    for (const stop of stops.splice(0)) await stop();
  });

  it('OpenAlgo: quotes from the stream, OI and volume from /api/v1/optionchain (units / lot size)', async () => {
    const apiKey = 'chain-openalgo-key-2f9c';
    const contracts = strikes.flatMap((strike) =>
      (['CE', 'PE'] as const).map((right) => `NIFTY06JAN26${strike}${right}`),
    );
    const server = await new FakeOpenAlgo(apiKey, [
      { symbol: 'NIFTY', exchange: 'NSE_INDEX', mid: SPOT, tick: 0.05, lotSize: 1 },
      ...contracts.map((symbol) => ({ symbol, exchange: 'NFO', mid: 50, tick: 0.05, lotSize: 65 })),
    ]).start();
    stops.push(() => server.stop());
    server.now = () => T0_MS;
    const walk = new FakeWalk(
      server.books.get('NSE_INDEX:NIFTY') ?? fail('no index book'),
      contracts.map((symbol) => ({
        book: server.books.get(`NFO:${symbol}`) ?? fail(`no book ${symbol}`),
        strike: Number(symbol.slice(12, 17)),
        right: symbol.endsWith('CE') ? ('CE' as const) : ('PE' as const),
      })),
      { seed: 3, stepVolatility: 0, trendPerStep: 0, legSteps: 10, iv: IV, years: () => YEARS },
    );
    server.stepper = () => walk.step();
    for (const symbol of contracts) {
      const book = server.books.get(`NFO:${symbol}`);
      if (book) book.openInterest = 65 * 1200;
    }
    const broker = settingsSchema.parse({
      broker: { kind: 'openalgo', host: server.restUrl, wsUrl: server.wsUrl },
    }).broker;
    feed = createBrokerMarketFeed(broker, 'nse', { openalgoApiKey: apiKey }, () => undefined);
    await expect(feed.chain('NIFTY')).rejects.toThrow(/has not listed its instruments yet/);
    const seen: MarketEvent[] = [];
    await feed.start({ onEvent: (event) => seen.push(event), onStatus: () => undefined });
    await expect(feed.chain('NIFTY')).rejects.toThrow(/no price for NIFTY/);
    server.publish(true);
    await until(
      () => seen.filter((event) => event.type === 'depth').length >= contracts.length,
      "every contract's depth",
    );
    const chain = await feed.chain('NIFTY');
    expect(chain).toMatchObject({ underlying: 'NIFTY', expiry: '2026-01-06', contractMultiplier: 65 });
    expect(chain.rows.map((row) => row.strike)).toEqual(strikes);
    // OpenAlgo's oi and volume are quantities: the chain counts contracts.
    expect(chain.rows[1].ce).toMatchObject({ oi: 1200, volume: 2 });
    expect(chain.rows[1].ce?.iv).toBeCloseTo(IV, 2);
    const asked = server.requests.filter((request) => request.endpoint === 'optionchain').at(-1)?.body;
    expect(asked).toMatchObject({ underlying: 'NIFTY', exchange: 'NSE_INDEX', expiry_date: '06JAN26' });
  });

  it('Alpaca: quotes from the options stream, OI and previous close from the option contracts', async () => {
    const keyId = 'PKCHAINKEY71';
    const secretKey = 'chain-alpaca-secret-4d2e';
    const occ = (strike: number, right: 'C' | 'P'): string =>
      `SPY260109${right}${String(strike * 1000).padStart(8, '0')}`;
    const server = await new FakeAlpaca(keyId, secretKey, [
      { symbol: 'SPY', mid: 690.5, tick: 0.01 },
      { symbol: occ(690, 'C'), mid: 2.5, tick: 0.01 },
      { symbol: occ(690, 'P'), mid: 2.1, tick: 0.01 },
    ]).start();
    stops.push(() => server.stop());
    server.now = () => Date.parse('2026-01-09T15:00:00Z');
    const call = server.books.get(occ(690, 'C'));
    if (call) call.openInterest = 3100;
    const broker = settingsSchema.parse({
      broker: { kind: 'alpaca', alpacaTradingUrl: server.baseUrl, alpacaDataUrl: server.wsBase },
    }).broker;
    feed = createBrokerMarketFeed(
      broker,
      'us',
      { alpacaKeyId: keyId, alpacaSecretKey: secretKey },
      () => undefined,
    );
    const seen: MarketEvent[] = [];
    await feed.start({ onEvent: (event) => seen.push(event), onStatus: () => undefined });
    await until(() => {
      server.publish(false);
      return new Set(seen.filter((event) => event.type === 'quote').map((event) => event.symbol)).size >= 3;
    }, 'quotes of SPY and both contracts');
    const chain = await feed.chain('SPY', '2026-01-09');
    expect(chain).toMatchObject({
      underlying: 'SPY',
      spot: 690.5,
      expiry: '2026-01-09',
      contractMultiplier: 100,
    });
    expect(chain.rows).toHaveLength(1);
    expect(chain.rows[0].ce).toMatchObject({ oi: 3100, bid: 2.49, ask: 2.51 });
    expect(chain.rows[0].pe).toMatchObject({ oi: 0 });
    expect(chain.rows[0].ce?.iv).toBeGreaterThan(0);
  });
});

function fail(message: string): never {
  throw new Error(message);
}
