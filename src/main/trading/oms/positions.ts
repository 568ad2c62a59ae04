import type { Symbol } from '../../../shared/domain/ids';
import type { Fill, OrderSource, Position } from '../../../shared/domain/orders';
import type { Price } from '../../../shared/domain/price';

/**
 * Positions per instrument and per source (manual, auto and replay never net against each other),
 * kept as FIFO lots of integer prices so that every P&L figure is exact integer arithmetic:
 * money = price units × quantity × multiplier (the "exact prices" principle). Average-cost accounting would
 * divide on every partial close and drift; FIFO lots never divide. The displayed average price is
 * open notional / open quantity, a division done only for display.
 *
 * Money is in the instrument's minor price units: paise for NSE (2 decimals, multiplier 1), cents
 * for US options (2 decimals, multiplier 100 per contract).
 */
export interface PositionLot {
  readonly price: Price;
  /** Signed: positive long, negative short. All lots of one position have the same sign. */
  readonly quantity: number;
}

export interface PositionState {
  readonly symbol: Symbol;
  readonly source: OrderSource;
  readonly multiplier: number;
  readonly lots: readonly PositionLot[];
  /** Gross realised P&L (before charges). */
  readonly realisedPnl: number;
  readonly charges: number;
  readonly markPrice: Price | null;
}

export interface FillEffect {
  readonly position: Position;
  /** Realised P&L this fill produced (gross, before its charges). */
  readonly realisedPnl: number;
  /** Quantity of this fill that closed existing lots. */
  readonly closedQuantity: number;
  /** Quantity of this fill that opened new lots (after a flip, or when adding). */
  readonly openedQuantity: number;
  /** The position quantity before the fill, signed. */
  readonly quantityBefore: number;
}

export function positionKey(symbol: string, source: OrderSource): string {
  return `${source}\u0000${symbol}`;
}

export function openQuantity(lots: readonly PositionLot[]): number {
  let total = 0;
  for (const lot of lots) total += lot.quantity;
  return total;
}

/** Σ price × signed quantity: the signed cost of the open lots, in price units × quantity. */
export function signedOpenNotional(lots: readonly PositionLot[]): number {
  let total = 0;
  for (const lot of lots) total += lot.price * lot.quantity;
  return total;
}

export function toPosition(state: PositionState): Position {
  const quantity = openQuantity(state.lots);
  const notional = signedOpenNotional(state.lots);
  const unrealisedPnl =
    state.markPrice === null || quantity === 0
      ? 0
      : (state.markPrice * quantity - notional) * state.multiplier;
  return {
    symbol: state.symbol,
    source: state.source,
    quantity,
    averagePrice: quantity === 0 ? 0 : notional / quantity,
    realisedPnl: state.realisedPnl,
    unrealisedPnl,
    charges: state.charges,
  };
}

/**
 * Applies one fill to a position state (pure). Closing quantity consumes the oldest lots first;
 * the rest of the fill, if any, opens a lot on the other side (a flip).
 */
export function applyFillToState(
  state: PositionState,
  fill: Pick<Fill, 'side' | 'quantity' | 'price' | 'charges'>,
): { state: PositionState; realisedPnl: number; closedQuantity: number; openedQuantity: number } {
  if (!Number.isSafeInteger(fill.quantity) || fill.quantity <= 0) {
    throw new RangeError(`fill quantity must be a positive integer, got ${fill.quantity}`);
  }
  if (!Number.isSafeInteger(fill.price))
    throw new RangeError(`fill price must be integer units, got ${fill.price}`);
  const signedFill = fill.side === 'buy' ? fill.quantity : -fill.quantity;
  const lots = state.lots.map((lot) => ({ ...lot }));
  let remaining = signedFill;
  let realised = 0;
  let closed = 0;
  // Close against lots of the opposite sign, oldest first.
  while (remaining !== 0 && lots.length > 0 && Math.sign(lots[0].quantity) !== Math.sign(remaining)) {
    const lot = lots[0];
    const take = Math.min(Math.abs(lot.quantity), Math.abs(remaining));
    const lotSign = Math.sign(lot.quantity);
    // A long lot bought at p and sold at f earns (f - p) per unit; a short lot earns (p - f).
    realised += (fill.price - lot.price) * take * lotSign * state.multiplier;
    closed += take;
    const left = lot.quantity - lotSign * take;
    remaining += lotSign * take;
    if (left === 0) lots.shift();
    else lots[0] = { price: lot.price, quantity: left };
  }
  const opened = Math.abs(remaining);
  if (remaining !== 0) lots.push({ price: fill.price, quantity: remaining });
  return {
    state: {
      ...state,
      lots,
      realisedPnl: state.realisedPnl + realised,
      charges: state.charges + fill.charges,
    },
    realisedPnl: realised,
    closedQuantity: closed,
    openedQuantity: opened,
  };
}

/** All positions of one account, keyed by (symbol, source). */
export class PositionBook {
  private readonly states = new Map<string, PositionState>();

  applyFill(
    fill: Pick<Fill, 'symbol' | 'source' | 'side' | 'quantity' | 'price' | 'charges'>,
    multiplier: number,
  ): FillEffect {
    const key = positionKey(fill.symbol, fill.source);
    const before = this.states.get(key) ?? emptyState(fill.symbol, fill.source, multiplier);
    if (before.multiplier !== multiplier && before.lots.length > 0) {
      throw new RangeError(
        `${fill.symbol}: multiplier changed from ${before.multiplier} to ${multiplier} with lots open`,
      );
    }
    const result = applyFillToState({ ...before, multiplier }, fill);
    this.states.set(key, result.state);
    return {
      position: toPosition(result.state),
      realisedPnl: result.realisedPnl,
      closedQuantity: result.closedQuantity,
      openedQuantity: result.openedQuantity,
      quantityBefore: openQuantity(before.lots),
    };
  }

  /** Sets the mark (last trade) used for unrealised P&L of every source's position in the symbol. */
  mark(symbol: Symbol, price: Price): void {
    for (const [key, state] of this.states) {
      if (state.symbol === symbol) this.states.set(key, { ...state, markPrice: price });
    }
  }

  get(symbol: Symbol, source: OrderSource): Position | undefined {
    const state = this.states.get(positionKey(symbol, source));
    return state ? toPosition(state) : undefined;
  }

  state(symbol: Symbol, source: OrderSource): PositionState | undefined {
    return this.states.get(positionKey(symbol, source));
  }

  /** Signed open quantity, 0 when there is no position. */
  quantity(symbol: Symbol, source: OrderSource): number {
    const state = this.states.get(positionKey(symbol, source));
    return state ? openQuantity(state.lots) : 0;
  }

  /** Net open quantity over every source, as a broker that knows nothing of sources reports it. */
  netQuantity(symbol: Symbol): number {
    let total = 0;
    for (const state of this.states.values()) if (state.symbol === symbol) total += openQuantity(state.lots);
    return total;
  }

  all(): Position[] {
    return [...this.states.values()].sort(compareStates).map(toPosition);
  }

  allStates(): PositionState[] {
    return [...this.states.values()].sort(compareStates);
  }

  /** Sets one position's state (the ledger commits first, then updates its book). */
  put(state: PositionState): void {
    this.states.set(positionKey(state.symbol, state.source), state);
  }

  /** Replaces the book's content (start-up from a ledger snapshot). */
  load(states: readonly PositionState[]): void {
    this.states.clear();
    for (const state of states) this.states.set(positionKey(state.symbol, state.source), state);
  }
}

export function emptyState(symbol: Symbol, source: OrderSource, multiplier: number): PositionState {
  return { symbol, source, multiplier, lots: [], realisedPnl: 0, charges: 0, markPrice: null };
}

function compareStates(a: PositionState, b: PositionState): number {
  return a.symbol < b.symbol
    ? -1
    : a.symbol > b.symbol
      ? 1
      : a.source < b.source
        ? -1
        : a.source > b.source
          ? 1
          : 0;
}
