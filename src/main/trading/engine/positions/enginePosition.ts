import type { OptionInstrument, OptionRight } from '../../../../shared/domain/instrument';
import type { Symbol } from '../../../../shared/domain/ids';
import type { RegimeName, SignalName } from '../config/schema';
import { moneyPerPriceUnit } from '../risk/money';

/** Stage names of the 5-stage trailing stop, index = stage number (0 = not trailing yet). */
export const TRAILING_STAGE_NAMES = ['initial', 'breakeven', 'lock', 'trail', 'tight', 'accelerate'] as const;

/**
 * A long option position the engine manages: its own (`auto`), or a manual one the trader handed over.
 * Prices are in the contract's minor units; `averagePrice` may be fractional (notional / quantity).
 */
export class EnginePosition {
  quantity = 0;
  averagePrice = 0;
  entryUs = 0;
  /** Highest mark since entry (drives the trailing stop). */
  peakPrice = 0;
  trailingStage = 0;
  /** Stop price set by the trailing stages (NaN before breakeven). */
  trailingStopPrice = NaN;
  /** Greeks/IV factor on the trail distances, refreshed at most once a second. */
  trailFactor = 1;
  trailFactorUs = -1;
  realisedPnl = 0;
  charges = 0;
  /** Open exit order (client order id) while an exit is working. */
  exitOrderId: string | null = null;
  exitRule: string | null = null;
  exitDecisionId: string | null = null;
  lastExitAttemptUs = -1;
  /** Where its orders go: the mode its entry was placed in (or the mode at hand-over). */
  routeMode: 'paper' | 'live' = 'paper';

  // Context at entry, for the options early exits (NaN when absent).
  underlyingAtEntry = NaN;
  spreadTicksAtEntry = NaN;
  oiChangeCallAtEntry = NaN;
  oiChangePutAtEntry = NaN;
  atmIvAtEntry = NaN;

  constructor(
    readonly symbol: Symbol,
    readonly instrument: OptionInstrument,
    readonly ownership: 'auto' | 'handedOver',
    readonly entryDecisionId: string,
    readonly signal: SignalName | null,
    readonly regime: RegimeName,
    /** Pack stop multiplier (volatile pack: wider stops). */
    readonly stopMultiplier: number,
  ) {
    this.moneyPerUnit = moneyPerPriceUnit(instrument);
  }

  /** Money (minor units) per price unit per quantity (risk/money.ts). */
  readonly moneyPerUnit: number;

  get right(): OptionRight {
    return this.instrument.right;
  }

  addFill(quantity: number, price: number, tsUs: number): void {
    if (this.quantity === 0) {
      this.entryUs = tsUs;
      this.peakPrice = price;
    }
    this.averagePrice = (this.averagePrice * this.quantity + price * quantity) / (this.quantity + quantity);
    this.quantity += quantity;
  }

  /** Percent move of `price` over the average entry price. */
  movePercent(price: number): number {
    return ((price - this.averagePrice) / this.averagePrice) * 100;
  }
}
