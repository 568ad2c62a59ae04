import type { Instrument, OptionRight } from '../../../../shared/domain/instrument';
import type { Symbol } from '../../../../shared/domain/ids';
import type { RegimeName, SignalName } from '../config/schema';
import type { ContractState } from '../market/contractState';
import { moneyPerPriceUnit } from '../risk/money';

/** Stage names of the 5-stage trailing stop, index = stage number (0 = not trailing yet). */
export const TRAILING_STAGE_NAMES = ['initial', 'breakeven', 'lock', 'trail', 'tight', 'accelerate'] as const;

/**
 * A position the engine manages: its own (`auto`), or a manual one the trader handed over. A long option
 * position is kept in the contract's minor price units; `averagePrice` may be fractional (notional /
 * quantity).
 *
 * An underlying position (docs/engine.md, "Trading the underlying") may be long or short, and its exits
 * are stated in option-premium percentages. So it is kept in a *position price* space that rises when
 * the position gains, scaled by `moveScale`: `position = anchor + sign × moveScale × (market − anchor)`
 * with the first fill as anchor. Every exit rule then reads it exactly as a long option (percent moves,
 * peaks, trailing stops), and P&L stays right because `moneyPerUnit` is divided by the same scale. An
 * option position has sign +1 and scale 1: the two spaces are the same.
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
  /** The auto-adaptation arm its regime traded under when it opened (−1: none). */
  adaptationArm = -1;

  /** +1 long, −1 short (underlying only). */
  readonly sign: 1 | -1;
  /** Percent-move scale of the position price space (1 for options). */
  readonly moveScale: number;
  /** Market price the position price space is anchored at (the first fill). */
  private anchor = NaN;

  constructor(
    readonly symbol: Symbol,
    readonly instrument: Instrument,
    readonly ownership: 'auto' | 'handedOver',
    readonly entryDecisionId: string,
    readonly signal: SignalName | null,
    readonly regime: RegimeName,
    /** Pack stop multiplier (volatile pack: wider stops). */
    readonly stopMultiplier: number,
    /** The option's right; for the underlying, the direction: CE long, PE short (docs/engine.md). */
    readonly right: OptionRight = instrument.kind === 'option' ? instrument.right : 'CE',
    moveScale = 1,
  ) {
    this.sign = instrument.kind !== 'option' && right === 'PE' ? -1 : 1;
    this.moveScale = instrument.kind === 'option' ? 1 : moveScale;
    this.moneyPerUnit = moneyPerPriceUnit(instrument) / this.moveScale;
  }

  /** Whether this is a short underlying position (it buys to close). */
  get short(): boolean {
    return this.sign < 0;
  }

  /** A market price in this position's price space (identity for an option). */
  toPositionPrice(marketPrice: number): number {
    if (this.moveScale === 1 && this.sign === 1) return marketPrice;
    const anchor = this.anchor === this.anchor ? this.anchor : marketPrice;
    return anchor + this.sign * this.moveScale * (marketPrice - anchor);
  }

  /** A position-space price back in market units (for records and views). */
  toMarketPrice(positionPrice: number): number {
    if (this.moveScale === 1 && this.sign === 1) return positionPrice;
    const anchor = this.anchor === this.anchor ? this.anchor : positionPrice;
    return anchor + (positionPrice - anchor) / (this.sign * this.moveScale);
  }

  /** Money (minor units) per position price unit per quantity (risk/money.ts, over `moveScale`). */
  readonly moneyPerUnit: number;

  /** Adds a fill at a market price. */
  addFill(quantity: number, marketPrice: number, tsUs: number): void {
    if (this.anchor !== this.anchor) this.anchor = marketPrice;
    const price = this.toPositionPrice(marketPrice);
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

/** The mark (`exits.markPrice`) of a position in its own price space: what every exit rule reads. */
export function positionMark(
  position: EnginePosition,
  contract: ContractState<Instrument> | undefined | null,
  kind: 'bid' | 'mid' | 'last',
): number {
  if (contract === undefined || contract === null) return NaN;
  return position.toPositionPrice(contract.mark(kind, position.short));
}
