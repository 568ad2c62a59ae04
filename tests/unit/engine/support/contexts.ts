import type { EngineParams } from '../../../../src/main/trading/engine/config/schema';
import { buildIndicatorSnapshot } from '../../../../src/main/trading/engine/decisions/indicatorSnapshot';
import type { ExitContext } from '../../../../src/main/trading/engine/exits';
import type { EntryCandidate, GateContext } from '../../../../src/main/trading/engine/gates';
import { ContractState } from '../../../../src/main/trading/engine/market/contractState';
import { UnderlyingState } from '../../../../src/main/trading/engine/market/underlyingState';
import { EnginePosition } from '../../../../src/main/trading/engine/positions/enginePosition';
import { RiskState } from '../../../../src/main/trading/engine/risk/riskState';
import type { OptionRight } from '../../../../src/shared/domain/instrument';
import type { MutableParams } from './factories';
import {
  makeDepth,
  makeOption,
  makeParams,
  makeQuote,
  makeTrade,
  NIFTY,
  SECOND,
  session,
  T0,
} from './factories';

/** An underlying state fed with a flat tape of `seconds` seconds at `price` units ending at `endUs`. */
export function makeUnderlyingState(
  params: EngineParams,
  options: { price?: number; seconds?: number; endUs?: number } = {},
): UnderlyingState {
  const state = new UnderlyingState(params, 5);
  const price = options.price ?? 2_400_000;
  const seconds = options.seconds ?? 60;
  const endUs = options.endUs ?? T0;
  for (let i = seconds * 10; i >= 0; i--) {
    const ts = endUs - i * 100_000;
    state.onTrade(makeTrade(NIFTY, ts, price + (i % 2 === 0 ? 0 : 5), 100, i % 2 === 0 ? 'buy' : 'sell'));
  }
  state.onDepth(
    makeDepth(NIFTY, endUs, price - 5, price + 5, [100, 100, 100, 100, 100], [100, 100, 100, 100, 100]),
  );
  return state;
}

export function makeContractState(
  params: EngineParams,
  options: { strike?: number; right?: OptionRight; bid?: number; ask?: number; ts?: number } = {},
): ContractState {
  const contract = new ContractState(
    makeOption(options.strike ?? 24100, options.right ?? 'CE'),
    params.indicators.spreadPercentileSamples,
  );
  const bid = options.bid ?? 10_000;
  const ask = options.ask ?? 10_010;
  for (let i = 0; i < 20; i++)
    contract.onQuote(
      makeQuote(contract.instrument.symbol, (options.ts ?? T0) - (20 - i) * SECOND, bid, ask, 1300, 1300),
    );
  contract.onQuote(makeQuote(contract.instrument.symbol, options.ts ?? T0, bid, ask, 1300, 1300));
  contract.onStats({
    type: 'contractStats',
    symbol: contract.instrument.symbol,
    tsEvent: (options.ts ?? T0) as never,
    openInterest: 5000,
  });
  return contract;
}

export interface GateContextOptions {
  readonly edit?: (params: MutableParams) => void;
  readonly nowUs?: number;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A context in which every gate passes for `makeCandidate()`; tests change the one thing they are about. */
export function makeGateContext(options: GateContextOptions = {}): Writable<GateContext> {
  const params = makeParams(options.edit);
  const underlying = makeUnderlyingState(params);
  const contract = makeContractState(params);
  return {
    nowUs: options.nowUs ?? T0,
    params,
    session,
    underlying,
    underlyingDecimals: 2,
    index: underlying,
    indexIsUnderlying: true,
    contract,
    tradesUnderlying: false,
    minScoreOffset: 0,
    optionsContext: null,
    risk: new RiskState(params.gates.rejectRate.windowOrders),
    openPositions: 0,
    pendingEntries: 0,
    lotsOnSymbol: 0,
    positionOnSymbol: null,
    openLots: 0,
    lotsOnRight: { CE: 0, PE: 0 },
    snapshot: buildIndicatorSnapshot(options.nowUs ?? T0, params, underlying, underlying, contract),
  };
}

export function makeCandidate(overrides: Partial<EntryCandidate> = {}): EntryCandidate {
  const direction = overrides.direction ?? 'bullish';
  return {
    direction,
    right: direction === 'bullish' ? 'CE' : 'PE',
    score: 80,
    signal: 'momentumBurst',
    regime: 'trend',
    pack: 'momentum',
    lots: 1,
    ...overrides,
  };
}

/** A long position of `lots` lots at `entry` units, entered at `entryUs`. */
export function makePosition(
  options: {
    entry?: number;
    lots?: number;
    right?: OptionRight;
    entryUs?: number;
    stopMultiplier?: number;
    strike?: number;
  } = {},
): EnginePosition {
  const instrument = makeOption(options.strike ?? 24100, options.right ?? 'CE');
  const position = new EnginePosition(
    instrument.symbol,
    instrument,
    'auto',
    'decision-test',
    'momentumBurst',
    'trend',
    options.stopMultiplier ?? 1,
  );
  position.addFill((options.lots ?? 1) * instrument.lotSize, options.entry ?? 10_000, options.entryUs ?? T0);
  return position;
}

export function makeExitContext(
  options: { edit?: (params: MutableParams) => void; mark?: number; nowUs?: number } = {},
): ExitContext {
  const params = makeParams(options.edit);
  return {
    nowUs: options.nowUs ?? T0,
    params,
    mark: options.mark ?? 10_000,
    contract: makeContractState(params),
    underlying: makeUnderlyingState(params),
    underlyingDecimals: 2,
    optionsContext: null,
    session,
    risk: new RiskState(params.gates.rejectRate.windowOrders),
    moneyPerUnit: 1,
    killed: false,
  };
}

export const probe = (): { value: number | string | null; threshold: number | string | null } => ({
  value: null,
  threshold: null,
});
