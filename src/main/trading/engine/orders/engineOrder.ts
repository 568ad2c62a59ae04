import type { Symbol } from '../../../../shared/domain/ids';
import type { OptionRight } from '../../../../shared/domain/instrument';
import type { PackName, RegimeName, SignalName } from '../config/schema';

/**
 * An order the engine sent, tracked until it is done. The OMS may slice it (freeze quantity) and give
 * each slice its own id; each id is bound to this order (OrderBoundEvent) and counted in `openSlices`.
 * Without a binding the client order id is the order id (one slice).
 */
export class EngineOrder {
  filledQuantity = 0;
  filledNotional = 0;
  /** Slices not yet terminal (1 until the OMS binds its own ids). */
  openSlices = 1;
  private bound = false;
  cancelRequested = false;
  accepted = false;
  /** Current limit price (minor units; NaN for market orders) and how often it was chased. */
  limitPrice = NaN;
  chases = 0;
  /** The price the engine saw when it sent the order (ask to buy, bid to sell): what slippage is measured from. */
  referencePrice = NaN;
  /** Where the order was routed (an entry's position keeps routing its exits there). */
  mode: 'paper' | 'live' = 'paper';
  /** Underlying trading: the order opens or closes a short (entry sells, exit buys). */
  short = false;

  constructor(
    readonly clientOrderId: string,
    readonly decisionId: string,
    readonly purpose: 'entry' | 'exit',
    readonly symbol: Symbol,
    readonly right: OptionRight,
    readonly quantity: number,
    readonly placedUs: number,
    readonly timeInForce: 'IOC' | 'DAY',
    /** Entry only: what the position is opened under. */
    readonly signal: SignalName | null,
    readonly regime: RegimeName,
    readonly pack: PackName | null,
    readonly stopMultiplier: number,
  ) {}

  /** An OMS order id for one slice of this order. */
  bind(): void {
    if (!this.bound) {
      this.bound = true;
      this.openSlices = 1;
    } else {
      this.openSlices++;
    }
  }

  get remaining(): number {
    return this.quantity - this.filledQuantity;
  }
}
