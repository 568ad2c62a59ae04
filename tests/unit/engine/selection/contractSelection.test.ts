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

const params = makeParams().selection;

function quoted(instruments: readonly OptionInstrument[], spot: number, spreadTicks = 2): ContractState[] {
  return instruments.map((instrument) => {
    const state = new ContractState(instrument, 100);
    const bid = Math.max(
      5,
      Math.round((roughPremium(spot, instrument.strike, instrument.right) * 100) / 5) * 5,
    );
    state.onQuote(makeQuote(instrument.symbol, T0, bid, bid + spreadTicks * 5));
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
    expiryCloseUs: () => session.closeUs + 7 * 86_400_000_000,
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

  it('rejects contracts with wide spreads, low OI or premium out of bounds, and says why', () => {
    const contracts = quoted(makeChain(24000), 24000, 400);
    const result = selectContract(input(contracts));
    expect(result.contract).toBeNull();
    expect(result.rejected.spreadTooWide).toBeGreaterThan(0);
    const oi = selectContract(
      input(quoted(makeChain(24000), 24000), { params: { ...params, minOpenInterest: 1000 } }),
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
    expect(selectContract(input(contracts)).snapshot!.strike).toBe(24300);
  });
});
