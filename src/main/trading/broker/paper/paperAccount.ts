import type { Symbol } from '../../../../shared/domain/ids';
import type { Instrument, MarketProfile } from '../../../../shared/domain/instrument';
import type { Fill } from '../../../../shared/domain/orders';
import type { MarginRule } from '../../oms/margin';
import type { BrokerPosition } from '../broker';
import { positionMarginBlocked } from '../../oms/margin';
import { PositionBook } from '../../oms/positions';

export interface AccountSnapshot {
  readonly currency: string;
  readonly cash: number;
  readonly blockedMargin: number;
  readonly reserved: number;
  readonly available: number;
}

/**
 * Paper capital per currency, in minor units. Cash moves like a cash-settled options account:
 * buying pays premium plus charges, selling receives premium less charges; futures settle only
 * their realised P&L. Short option (and futures) positions block margin by the shared MarginRule,
 * and orders working at the broker reserve what they would need, so buying power is
 * cash − blocked − reserved.
 */
export class PaperAccount {
  readonly positions = new PositionBook();
  private readonly cashByCurrency = new Map<string, number>();
  private readonly reservations = new Map<string, { currency: string; amount: number }>();

  constructor(
    capital: Readonly<Record<string, number>>,
    private readonly instruments: (symbol: Symbol) => Instrument | undefined,
    private readonly marginRules: (profile: MarketProfile) => MarginRule,
  ) {
    for (const [currency, amount] of Object.entries(capital)) {
      if (!Number.isSafeInteger(amount))
        throw new RangeError(`capital for ${currency} must be integer minor units`);
      this.cashByCurrency.set(currency, amount);
    }
  }

  cash(currency: string): number {
    return this.cashByCurrency.get(currency) ?? 0;
  }

  blockedMargin(currency: string): number {
    let total = 0;
    for (const position of this.positions.all()) {
      const instrument = this.instruments(position.symbol);
      if (!instrument || instrument.currency !== currency) continue;
      total += positionMarginBlocked({
        instrument,
        quantity: position.quantity,
        averagePrice: position.averagePrice,
        rule: this.marginRules(instrument.profile),
      });
    }
    return total;
  }

  reserved(currency: string): number {
    let total = 0;
    for (const reservation of this.reservations.values())
      if (reservation.currency === currency) total += reservation.amount;
    return total;
  }

  availableFunds(currency: string): number {
    return this.cash(currency) - this.blockedMargin(currency) - this.reserved(currency);
  }

  reserve(orderId: string, currency: string, amount: number): void {
    if (amount <= 0) this.reservations.delete(orderId);
    else this.reservations.set(orderId, { currency, amount });
  }

  release(orderId: string): void {
    this.reservations.delete(orderId);
  }

  applyFill(fill: Fill, instrument: Instrument): void {
    const effect = this.positions.applyFill(fill, instrument.multiplier);
    const value = fill.price * fill.quantity * instrument.multiplier;
    let delta: number;
    if (instrument.kind === 'future') delta = effect.realisedPnl - fill.charges;
    else delta = (fill.side === 'buy' ? -value : value) - fill.charges;
    this.cashByCurrency.set(instrument.currency, this.cash(instrument.currency) + delta);
  }

  brokerPositions(): BrokerPosition[] {
    return this.positions
      .all()
      .filter((position) => position.quantity !== 0)
      .map((position) => ({ symbol: position.symbol, source: position.source, quantity: position.quantity }));
  }

  snapshot(currency: string): AccountSnapshot {
    return {
      currency,
      cash: this.cash(currency),
      blockedMargin: this.blockedMargin(currency),
      reserved: this.reserved(currency),
      available: this.availableFunds(currency),
    };
  }
}
