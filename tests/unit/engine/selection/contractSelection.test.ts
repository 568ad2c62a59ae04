import { describe, expect, it } from 'vitest';
import { ContractState } from '../../../../src/main/trading/engine/market/contractState';
import type { SelectionInput } from '../../../../src/main/trading/engine/selection/contractSelection';
import { selectContract } from '../../../../src/main/trading/engine/selection/contractSelection';
import type { OptionInstrument } from '../../../../src/shared/domain/instrument';
import {
  makeChain,
  makeOption,
  makeParams,
  makeQuote,
  NEXT_EXPIRY,
  roughPremium,
  session,
  T0,
  TEST_DATE,
} from '../support/factories';

/** Any expiry within ten trading days: the older cases are about strikes, not expiries. */
// The cases below are written for a 0.35 target (Balanced trades at the money since v4: 0.5).
const params = { ...makeParams().selection, maxDaysToExpiry: 10, targetDelta: 0.35 };
const TOMORROW = '2026-06-03';
/** Trading days from TEST_DATE (a Tuesday) to the expiries these tests list. */
const tradingDaysTo = (expiry: string): number =>
  expiry === TEST_DATE ? 0 : expiry === TOMORROW ? 1 : expiry === NEXT_EXPIRY ? 5 : 10;

function quoted(instruments: readonly OptionInstrument[], spot: number, spreadTicks = 2): ContractState[] {
  return instruments.map((instrument) => {
    const state = new ContractState(instrument, 100);
    const bid = Math.max(
      5,
      Math.round((roughPremium(spot, instrument.strike, instrument.right) * 100) / 5) * 5,
    );
    state.onQuote(makeQuote(instrument.symbol, T0, bid, bid + spreadTicks * 5));
    state.onStats({
      type: 'contractStats',
      tsEvent: T0 as never,
      symbol: instrument.symbol,
      openInterest: 5000,
    });
    return state;
  });
}

function input(contracts: ContractState[], overrides: Partial<SelectionInput> = {}): SelectionInput {
  return {
    right: 'CE',
    nowUs: T0,
    today: TEST_DATE,
    minutesToClose: 300,
    spot: 24000,
    contracts,
    params,
    atmIv: 0.14,
    expiryCloseUs: (expiry) => session.closeUs + tradingDaysTo(expiry) * 86_400_000_000,
    tradingDaysTo,
    ...overrides,
  };
}

describe('contract selection', () => {
  it('picks the strike whose |delta| is closest to the target delta', () => {
    const result = selectContract(input(quoted(makeChain(24000), 24000)));
    expect(result.snapshot?.right).toBe('CE');
    expect(result.snapshot!.strike).toBeGreaterThan(24000);
    expect(Math.abs(result.snapshot!.delta! - 0.35)).toBeLessThan(0.08);
  });

  it('picks puts below spot for the bearish side', () => {
    const result = selectContract(input(quoted(makeChain(24000), 24000), { right: 'PE' }));
    expect(result.snapshot!.strike).toBeLessThan(24000);
  });

  it('prefers the nearest expiry', () => {
    const chain = [...makeChain(24000, 6, '2026-06-16'), ...makeChain(24000, 6, NEXT_EXPIRY)];
    expect(selectContract(input(quoted(chain, 24000))).snapshot!.expiry).toBe(NEXT_EXPIRY);
  });

  it('rolls to the next expiry on expiry day near the close', () => {
    const chain = [...makeChain(24000, 6, TEST_DATE), ...makeChain(24000, 6, NEXT_EXPIRY)];
    expect(selectContract(input(quoted(chain, 24000), { minutesToClose: 300 })).snapshot!.expiry).toBe(
      TEST_DATE,
    );
    expect(selectContract(input(quoted(chain, 24000), { minutesToClose: 30 })).snapshot!.expiry).toBe(
      NEXT_EXPIRY,
    );
  });

  it('trades 0DTE on an expiry day, else 1DTE, and nothing further out (maxDaysToExpiry 1)', () => {
    const oneDte = { ...params, maxDaysToExpiry: 1 };
    const weekly = [...makeChain(24000, 6, TEST_DATE), ...makeChain(24000, 6, NEXT_EXPIRY)];
    expect(selectContract(input(quoted(weekly, 24000), { params: oneDte })).snapshot!.expiry).toBe(TEST_DATE);
    const dayBefore = [...makeChain(24000, 6, TOMORROW), ...makeChain(24000, 6, NEXT_EXPIRY)];
    expect(selectContract(input(quoted(dayBefore, 24000), { params: oneDte })).snapshot!.expiry).toBe(
      TOMORROW,
    );
    const weekOut = selectContract(
      input(quoted(makeChain(24000, 6, NEXT_EXPIRY), 24000), { params: oneDte }),
    );
    expect(weekOut.contract).toBeNull();
    expect(weekOut.rejected).toEqual({ noExpiryWithin1Days: 1 });
    // On the expiry day near the close, the roll goes to 1DTE only if it is listed.
    const rolled = selectContract(
      input(quoted([...makeChain(24000, 6, TEST_DATE), ...makeChain(24000, 6, TOMORROW)], 24000), {
        params: oneDte,
        minutesToClose: 30,
      }),
    );
    expect(rolled.snapshot!.expiry).toBe(TOMORROW);
    expect(
      selectContract(input(quoted(weekly, 24000), { params: oneDte, minutesToClose: 30 })).contract,
    ).toBeNull();
  });

  it('trades 0DTE only with maxDaysToExpiry 0', () => {
    const zeroDte = { ...params, maxDaysToExpiry: 0 };
    expect(
      selectContract(input(quoted(makeChain(24000, 6, TOMORROW), 24000), { params: zeroDte })).contract,
    ).toBeNull();
  });

  it('keeps |delta| inside the band around the target', () => {
    const narrow = { ...params, targetDelta: 0.35, maxDeltaDistance: 0.02 };
    const far = quoted([makeOption(24600, 'CE'), makeOption(24700, 'CE')], 24000);
    const result = selectContract(input(far, { params: narrow }));
    expect(result.contract).toBeNull();
    expect(result.rejected.deltaOutsideBand).toBe(2);
  });

  it('rejects contracts with wide spreads, low OI or premium out of bounds, and says why', () => {
    const contracts = quoted(makeChain(24000), 24000, 400);
    const result = selectContract(input(contracts));
    expect(result.contract).toBeNull();
    expect(result.rejected.spreadTooWide).toBeGreaterThan(0);
    const oi = selectContract(
      input(quoted(makeChain(24000), 24000), { params: { ...params, minOpenInterest: 10_000 } }),
    );
    expect(oi.contract).toBeNull();
    expect(oi.rejected.openInterestTooLow).toBe(oi.considered);
    const cheap = selectContract(
      input(quoted(makeChain(24000), 24000), { params: { ...params, maxPremium: 30 } }),
    );
    expect(cheap.rejected.premiumAboveMax).toBeGreaterThan(0);
    expect(cheap.snapshot!.premium).toBeLessThanOrEqual(3000);
  });

  it('uses the chain delta when the contract carries one', () => {
    const contracts = quoted([makeOption(24100, 'CE'), makeOption(24300, 'CE')], 24000);
    // 0.6 is outside the default band: the wider band keeps the comparison about the chain's greek.
    const wide = { ...params, maxDeltaDistance: 0.5 };
    contracts[1].onStats({
      type: 'contractStats',
      tsEvent: T0 as never,
      symbol: contracts[1].instrument.symbol,
      delta: 0.35,
    });
    contracts[0].onStats({
      type: 'contractStats',
      tsEvent: T0 as never,
      symbol: contracts[0].instrument.symbol,
      delta: 0.6,
    });
    expect(selectContract(input(contracts, { params: wide })).snapshot!.strike).toBe(24300);
  });
});
