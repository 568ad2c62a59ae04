import type { OrderId, Symbol } from '../../../shared/domain/ids';
import type { Side } from '../../../shared/domain/marketEvents';
import type { OrderSource } from '../../../shared/domain/orders';
import type { Price, PriceFormat } from '../../../shared/domain/price';
import { roundToTick } from '../../../shared/domain/price';

/**
 * Attached orders: a bracket (entry + take-profit + stop-loss, one cancels the other), an OCO pair,
 * a trailing stop, and stop orders a broker cannot hold. Each runs in one of two modes:
 * - `broker`: the legs rest at the broker as ordinary orders; the OMS cancels or shrinks the
 *   sibling when one fills (and moves a trailing stop with modifications);
 * - `virtual`: the legs live only in the core, which watches trade prices and sends a market order
 *   (or a limit, for a stop leg with a limit price) when a leg's price is reached. This is how the
 *   workstation gives TP/SL to brokers without bracket/OCO (Alpaca options), and the UI says so.
 * Legs are kept mutable inside the OMS; callers get copies (`AttachedGroupView`).
 */
export type AttachedKind = 'bracket' | 'oco' | 'trailingStop' | 'virtualStop';
export type AttachedMode = 'broker' | 'virtual';
export type LegRole = 'takeProfit' | 'stopLoss' | 'leg';
export type LegState = 'pending' | 'armed' | 'triggered' | 'done' | 'cancelled';
export type GroupState = 'pendingEntry' | 'active' | 'done' | 'cancelled';

export interface LegSpec {
  readonly role: LegRole;
  /** `limit`: reached when the market trades at or through the price in the leg's favour; `stop`: when it trades at or through against it. */
  readonly kind: 'limit' | 'stop';
  readonly price: Price;
  /** Stop legs only: rest as stop-limit (broker mode) or send this limit on trigger (virtual mode). */
  readonly limitPrice?: Price;
  /** Stop legs only: trailing distance in price units; the stop follows the best trade price by this much. */
  readonly trailUnits?: number;
}

export interface AttachedLeg {
  readonly legId: string;
  readonly role: LegRole;
  readonly kind: 'limit' | 'stop';
  mode: AttachedMode;
  price: Price;
  readonly limitPrice: Price | null;
  readonly trailUnits: number | null;
  /** Best trade price seen since the leg was armed (highest for a sell stop, lowest for a buy stop). */
  extreme: Price | null;
  /** Quantity this leg must exit in total (grows with entry fills, shrinks with sibling fills). */
  quantity: number;
  filledQuantity: number;
  /** Broker orders of this leg: resting orders in broker mode, orders sent on trigger in virtual mode. */
  readonly orderIds: OrderId[];
  state: LegState;
}

export interface AttachedGroup {
  readonly groupId: string;
  readonly kind: AttachedKind;
  readonly symbol: Symbol;
  /** Side of every leg order. */
  readonly side: Side;
  readonly source: OrderSource;
  readonly tag?: string;
  /** Legs are exits: they shrink to the open position and the group ends when the position is flat. */
  readonly protectsPosition: boolean;
  readonly entryOrderIds: OrderId[];
  entryFilled: number;
  entryDone: boolean;
  readonly legs: AttachedLeg[];
  state: GroupState;
  tsUpdated: number;
}

/** A copy of a group for windows and tests; `emulated` says the leg is held in the core, not at the broker. */
export interface AttachedGroupView {
  readonly groupId: string;
  readonly kind: AttachedKind;
  readonly symbol: Symbol;
  readonly side: Side;
  readonly source: OrderSource;
  readonly state: GroupState;
  readonly entryOrderIds: readonly OrderId[];
  readonly entryFilled: number;
  readonly legs: ReadonlyArray<{
    readonly legId: string;
    readonly role: LegRole;
    readonly kind: 'limit' | 'stop';
    readonly mode: AttachedMode;
    readonly emulated: boolean;
    readonly price: Price;
    readonly limitPrice: Price | null;
    readonly trailUnits: number | null;
    readonly quantity: number;
    readonly filledQuantity: number;
    readonly openQuantity: number;
    readonly state: LegState;
    readonly orderIds: readonly OrderId[];
  }>;
}

export function viewGroup(group: AttachedGroup): AttachedGroupView {
  return {
    groupId: group.groupId,
    kind: group.kind,
    symbol: group.symbol,
    side: group.side,
    source: group.source,
    state: group.state,
    entryOrderIds: [...group.entryOrderIds],
    entryFilled: group.entryFilled,
    legs: group.legs.map((leg) => ({
      legId: leg.legId,
      role: leg.role,
      kind: leg.kind,
      mode: leg.mode,
      emulated: leg.mode === 'virtual',
      price: leg.price,
      limitPrice: leg.limitPrice,
      trailUnits: leg.trailUnits,
      quantity: leg.quantity,
      filledQuantity: leg.filledQuantity,
      openQuantity: legOpenQuantity(leg),
      state: leg.state,
      orderIds: [...leg.orderIds],
    })),
  };
}

export function makeLeg(legId: string, spec: LegSpec, mode: AttachedMode, quantity: number): AttachedLeg {
  if (spec.kind === 'limit' && (spec.trailUnits !== undefined || spec.limitPrice !== undefined)) {
    throw new RangeError(`${legId}: only stop legs take a limit price or a trailing distance`);
  }
  if (spec.trailUnits !== undefined && (!Number.isSafeInteger(spec.trailUnits) || spec.trailUnits <= 0)) {
    throw new RangeError(`${legId}: trailing distance must be a positive number of price units`);
  }
  return {
    legId,
    role: spec.role,
    kind: spec.kind,
    mode,
    price: spec.price,
    limitPrice: spec.limitPrice ?? null,
    trailUnits: spec.trailUnits ?? null,
    extreme: null,
    quantity,
    filledQuantity: 0,
    orderIds: [],
    state: quantity > 0 ? 'armed' : 'pending',
  };
}

export function legOpenQuantity(leg: AttachedLeg): number {
  return Math.max(0, leg.quantity - leg.filledQuantity);
}

export function isLegLive(leg: AttachedLeg): boolean {
  return leg.state === 'pending' || leg.state === 'armed' || leg.state === 'triggered';
}

/**
 * Whether a trade at `price` reaches the leg. For legs that sell (exiting a long): a limit (take
 * profit) is reached at or above its price, a stop at or below. Legs that buy mirror it.
 */
export function legReached(leg: Pick<AttachedLeg, 'kind' | 'price'>, side: Side, price: Price): boolean {
  const favourable = side === 'sell' ? price >= leg.price : price <= leg.price;
  const adverse = side === 'sell' ? price <= leg.price : price >= leg.price;
  return leg.kind === 'limit' ? favourable : adverse;
}

/**
 * Moves a trailing stop after a trade: the best price seen so far minus (sell) or plus (buy) the
 * trailing distance, rounded onto the tick grid away from the market, and only ever tightened.
 * Returns true when the stop moved.
 */
export function trailLeg(leg: AttachedLeg, side: Side, price: Price, format: PriceFormat): boolean {
  if (leg.trailUnits === null || leg.kind !== 'stop') return false;
  if (leg.extreme === null) leg.extreme = price;
  else leg.extreme = (side === 'sell' ? Math.max(leg.extreme, price) : Math.min(leg.extreme, price)) as Price;
  const candidate =
    side === 'sell'
      ? roundToTick(leg.extreme - leg.trailUnits, format, 'down')
      : roundToTick(leg.extreme + leg.trailUnits, format, 'up');
  const tighter = side === 'sell' ? candidate > leg.price : candidate < leg.price;
  if (!tighter || candidate <= 0) return false;
  leg.price = candidate;
  return true;
}
