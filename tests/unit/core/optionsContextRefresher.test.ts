import { describe, expect, it } from 'vitest';
import { BrokerChainBook } from '../../../src/main/brokers/config/brokerChain';
import { OptionsContextRefresher } from '../../../src/main/coreWorker/optionsContextRefresher';
import { loadMarketProfile } from '../../../src/main/trading/reference/marketProfiles';
import type { Instrument } from '../../../src/shared/domain/instrument';
import type { Price } from '../../../src/shared/domain/price';
import type { TimestampUs } from '../../../src/shared/domain/time';
import { ManualClock } from '../../../src/shared/domain/time';
import { optionOf, underlyingOf } from '../../support/brokers/brokerInstruments';

const T0 = (Date.parse('2026-01-06T04:30:00Z') * 1000) as TimestampUs;
const nifty = underlyingOf('nse', 'NIFTY');
const call = optionOf('nse', 'NIFTY', '2026-01-06', 26_000, 'CE');
const instruments: Instrument[] = [nifty, call];

/** The refresher on a broker feed's chain: a chain that is not there yet is a log line, then it catches up. */
describe('the options context refresher on a broker chain', () => {
  it('logs a rejected chain without throwing, and rebuilds the context once the chain has data', async () => {
    const clock = new ManualClock(T0);
    const book = new BrokerChainBook(instruments, loadMarketProfile('nse').calendar);
    const logs: string[] = [];
    const events: string[] = [];
    const refresher = new OptionsContextRefresher({
      clock,
      underlying: 'NIFTY',
      instruments: () => instruments,
      onEvent: (event) => events.push(event.type),
      log: (message) => logs.push(message),
    });
    const fetchChain = (underlying: string): Promise<ReturnType<BrokerChainBook['snapshot']>> =>
      Promise.resolve().then(() => book.snapshot(underlying, undefined));

    refresher.maybeRefresh(fetchChain);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(logs).toEqual([
      "options context not refreshed: no price for NIFTY from the broker's feed yet: no chain",
    ]);
    expect(events).toEqual([]);

    book.observe({ type: 'index', symbol: nifty.symbol, tsEvent: T0, value: 2_601_000 as Price });
    book.observe({
      type: 'quote',
      symbol: call.symbol,
      tsEvent: T0,
      bidPrice: 4_000 as Price,
      bidSize: 650,
      askPrice: 4_010 as Price,
      askSize: 650,
    });
    // Not again before 30 s of market time.
    refresher.maybeRefresh(fetchChain);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual([]);
    clock.advance(30_000_000);
    refresher.maybeRefresh(fetchChain);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual(['optionsContext', 'contractStats']);
    expect(logs).toHaveLength(1);
  });
});
