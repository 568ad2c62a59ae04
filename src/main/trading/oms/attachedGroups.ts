import type { IdGenerator, OrderId, Symbol } from '../../../shared/domain/ids';
import type { Instrument } from '../../../shared/domain/instrument';
import type { Side } from '../../../shared/domain/marketEvents';
import type { Order, OrderRequest, OrderSource } from '../../../shared/domain/orders';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Price } from '../../../shared/domain/price';
import type { Clock } from '../../../shared/domain/time';
import type { OrderModification } from '../broker/broker';
import type {
  AttachedGroup,
  AttachedGroupView,
  AttachedKind,
  AttachedLeg,
  AttachedMode,
  LegSpec,
} from './attachedOrders';
import { isLegLive, legOpenQuantity, legReached, makeLeg, trailLeg, viewGroup } from './attachedOrders';
import { moveGroup, moveLeg } from './attachedTransitions';
import type {
  BracketRequest,
  InstrumentLookup,
  ModifyOutcome,
  OcoRequest,
  OmsUpdate,
  PlaceOrderOutcome,
  TrailingStopRequest,
} from './omsTypes';
import { refuseUnknownInstrument } from './omsTypes';
import { isTerminal, remainingQuantity } from './orderTransitions';
import type { MarketReference, PreTradeResult, RejectCode } from './preTradeChecks';

/** What attached groups need of the order manager: its orders, its checks and its commands. */
export interface GroupDesk {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly instruments: InstrumentLookup;
  /** Whether the broker holds this order type natively. */
  supports(type: OrderRequest['type']): boolean;
  /** Whether a take-profit and a stop may rest at the broker side by side. */
  concurrentExitOrders(): boolean;
  order(orderId: OrderId): Order | undefined;
  isCancelRequested(orderId: OrderId): boolean;
  reference(symbol: Symbol): MarketReference;
  /** Best price to trade against on `side`, or the last trade. */
  touch(symbol: Symbol, side: Side): Price | null;
  /** Quantity an exit on `side` may close: the long for a sell, the short for a buy. */
  exitExposure(symbol: Symbol, source: OrderSource, side: Side): number;
  preTradeCheck(request: OrderRequest, instrument: Instrument): PreTradeResult;
  /** Checks, slices and sends; `onCreated` sees each slice's id before it is sent. */
  checkAndSend(
    request: OrderRequest,
    exit: boolean,
    onCreated: (orderId: OrderId) => void,
  ): PlaceOrderOutcome;
  rejectNew(request: OrderRequest, code: RejectCode, message: string): PlaceOrderOutcome;
  cancelOrder(orderId: OrderId, reason: string): boolean;
  modifyOrder(orderId: OrderId, changes: OrderModification): ModifyOutcome;
  publish(update: OmsUpdate): void;
  hasListeners(): boolean;
}

interface OrderLink {
  readonly group: AttachedGroup;
  /** null for the group's entry orders. */
  readonly leg: AttachedLeg | null;
}

/**
 * Attached orders (bracket, OCO, trailing stop, virtual stop): their legs arm as entries fill, shrink
 * with the position, cancel each other, trail trade prices and, in virtual mode, fire exits when
 * their price trades. Legs and groups move only along `attachedTransitions.ts`; their orders are
 * ordinary OMS orders sent through the order manager's checks (`GroupDesk`).
 */
export class AttachedGroups {
  private readonly links = new Map<OrderId, OrderLink>();
  private readonly groupsById = new Map<string, AttachedGroup>();

  constructor(private readonly desk: GroupDesk) {}

  group(groupId: string): AttachedGroupView | undefined {
    const group = this.groupsById.get(groupId);
    return group ? viewGroup(group) : undefined;
  }

  groups(): AttachedGroupView[] {
    return [...this.groupsById.values()].map(viewGroup);
  }

  /** The group and leg an order belongs to, so a replacement order can take its place. */
  linkOf(orderId: OrderId): OrderLink | undefined {
    return this.links.get(orderId);
  }

  /** Files `replacement` in the same group and leg as `original` (an emulated modify). */
  linkReplacement(original: OrderId, replacement: OrderId): void {
    const link = this.links.get(original);
    if (link) this.link(replacement, link);
  }

  // ---------------------------------------------------------------- commands

  /** Entry plus take-profit and/or stop-loss legs that cancel each other; legs arm as the entry fills. */
  placeBracket(
    bracket: BracketRequest,
    placeOrder: (request: OrderRequest) => PlaceOrderOutcome,
  ): PlaceOrderOutcome {
    const { entry } = bracket;
    const legs: LegSpec[] = [];
    if (bracket.takeProfit !== undefined)
      legs.push({ role: 'takeProfit', kind: 'limit', price: bracket.takeProfit });
    if (bracket.stopLoss !== undefined) {
      legs.push({
        role: 'stopLoss',
        kind: 'stop',
        price: bracket.stopLoss.stopPrice,
        limitPrice: bracket.stopLoss.limitPrice,
        trailUnits: bracket.stopLoss.trailUnits,
      });
    }
    if (legs.length === 0) return placeOrder(entry);
    const exitSide: Side = entry.side === 'buy' ? 'sell' : 'buy';
    const entryPrice = entry.limitPrice ?? entry.stopPrice ?? this.desk.touch(entry.symbol, entry.side);
    const invalid = validateExitPrices(legs, exitSide, entryPrice);
    if (invalid) return { ok: false, orderId: null, code: 'invalidPrice', reason: invalid };
    const instrument = this.desk.instruments(entry.symbol);
    if (!instrument) return refuseUnknownInstrument(entry.symbol);
    const group = this.createGroup('bracket', entry.symbol, exitSide, entry.source, legs, 0, true, entry.tag);
    const link: OrderLink = { group, leg: null };
    const outcome = this.desk.checkAndSend({ ...entry, tag: entry.tag ?? group.groupId }, false, (orderId) =>
      this.link(orderId, link),
    );
    if (!outcome.ok) {
      moveGroup(group, 'cancelled');
      for (const leg of group.legs) moveLeg(leg, 'cancelled');
      this.publishGroup(group);
      return outcome;
    }
    this.groupsById.set(group.groupId, group);
    this.publishGroup(group);
    return { ...outcome, groupId: group.groupId };
  }

  /** Two legs, one cancels the other; by default exits of an open position. */
  placeOco(request: OcoRequest): PlaceOrderOutcome {
    const instrument = this.desk.instruments(request.symbol);
    if (!instrument) return refuseUnknownInstrument(request.symbol);
    const protectsPosition = request.reduceOnly ?? true;
    if (protectsPosition) {
      const refused = this.refuseBeyondPosition('OCO', request);
      if (refused) return refused;
    }
    const last = this.desk.reference(request.symbol).last;
    const invalid = last === null ? null : validateExitPrices(request.legs, request.side, last);
    if (invalid) return { ok: false, orderId: null, code: 'invalidPrice', reason: invalid };
    const group = this.createGroup(
      'oco',
      request.symbol,
      request.side,
      request.source,
      request.legs,
      request.quantity,
      protectsPosition,
      request.tag,
    );
    this.startExitGroup(group);
    for (const leg of group.legs) this.armLeg(group, leg, request.quantity, last);
    this.publishGroup(group);
    return { ok: true, orderIds: [], groupId: group.groupId, adjustments: [], throttled: 0 };
  }

  /** A stop that follows the best trade price by `trailUnits`, protecting an open position. */
  placeTrailingStop(request: TrailingStopRequest): PlaceOrderOutcome {
    const instrument = this.desk.instruments(request.symbol);
    if (!instrument) return refuseUnknownInstrument(request.symbol);
    const last = this.desk.reference(request.symbol).last;
    if (last === null)
      return {
        ok: false,
        orderId: null,
        code: 'noMarketData',
        reason: `no trade in ${request.symbol} yet to trail from`,
      };
    const refused = this.refuseBeyondPosition('trailing stop', request);
    if (refused) return refused;
    const start = (request.side === 'sell' ? last - request.trailUnits : last + request.trailUnits) as Price;
    const spec: LegSpec = { role: 'stopLoss', kind: 'stop', price: start, trailUnits: request.trailUnits };
    const group = this.createGroup(
      'trailingStop',
      request.symbol,
      request.side,
      request.source,
      [spec],
      request.quantity,
      true,
      request.tag,
    );
    this.startExitGroup(group);
    const leg = group.legs[0];
    trailLeg(leg, request.side, last, instrument);
    this.armLeg(group, leg, request.quantity, last);
    this.publishGroup(group);
    return { ok: true, orderIds: [], groupId: group.groupId, adjustments: [], throttled: 0 };
  }

  /** A stop the broker cannot hold: checked like an order, then watched in the core. */
  placeVirtualStop(request: OrderRequest, instrument: Instrument): PlaceOrderOutcome {
    const checked = this.desk.preTradeCheck(request, instrument);
    if (!checked.ok) return this.desk.rejectNew(request, checked.rejection.code, checked.rejection.message);
    const rounded = checked.request;
    const spec: LegSpec = {
      role: 'leg',
      kind: 'stop',
      price: rounded.stopPrice as Price,
      limitPrice: rounded.type === 'stopLimit' ? rounded.limitPrice : undefined,
    };
    const group = this.createGroup(
      'virtualStop',
      rounded.symbol,
      rounded.side,
      rounded.source,
      [spec],
      rounded.quantity,
      Boolean(rounded.reduceOnly),
      rounded.tag,
    );
    group.entryDone = true;
    this.groupsById.set(group.groupId, group);
    this.armLeg(group, group.legs[0], rounded.quantity, this.desk.reference(rounded.symbol).last);
    this.publishGroup(group);
    return { ok: true, orderIds: [], groupId: group.groupId, adjustments: checked.adjustments, throttled: 0 };
  }

  /** Moves a leg's price (dragging TP/SL on the chart). Broker-mode legs modify their resting orders. */
  modifyLeg(groupId: string, legId: string, price: Price): ModifyOutcome {
    const group = this.groupsById.get(groupId);
    const leg = group?.legs.find((candidate) => candidate.legId === legId);
    if (!group || !leg) return { ok: false, reason: `unknown leg ${groupId}/${legId}` };
    if (!isLegLive(leg) || leg.state === 'triggered')
      return { ok: false, reason: `leg ${legId} is ${leg.state}` };
    leg.price = price;
    if (leg.mode === 'broker') {
      for (const orderId of this.liveOrderIds(leg)) {
        this.desk.modifyOrder(orderId, leg.kind === 'limit' ? { limitPrice: price } : { stopPrice: price });
      }
    }
    this.publishGroup(group);
    return { ok: true };
  }

  /** Cancels every working order of a group and retires its legs. */
  cancelGroup(groupId: string): boolean {
    const group = this.groupsById.get(groupId);
    if (!group || group.state === 'done' || group.state === 'cancelled') return false;
    for (const orderId of group.entryOrderIds) this.desk.cancelOrder(orderId, `group ${groupId} cancelled`);
    for (const leg of group.legs) this.retireLeg(leg, 'cancelled');
    moveGroup(group, 'cancelled');
    this.publishGroup(group);
    return true;
  }

  /** Cancels every group of a source (all sources when omitted); how many were cancelled. */
  cancelAll(source?: OrderSource): number {
    let count = 0;
    for (const group of this.groupsById.values()) {
      if (source === undefined || group.source === source) if (this.cancelGroup(group.groupId)) count++;
    }
    return count;
  }

  // ---------------------------------------------------------------- inputs

  /** An order event the OMS applied: the group of a linked order reacts, then exits are clamped to the position. */
  afterOrderEvent(order: Order, event: OrderEvent): void {
    const link = this.links.get(order.orderId);
    if (link) {
      const { group, leg } = link;
      group.tsUpdated = event.tsEvent;
      if (leg === null) this.afterEntryEvent(group, order, event);
      else this.afterLegEvent(group, leg, order, event);
      this.finishGroupIfDone(group);
      this.publishGroup(group);
    }
    if (event.type === 'OrderFilled') this.clampGroups(order.symbol, order.source);
  }

  /** Trailing and triggering of legs on a trade print. */
  onTrade(symbol: Symbol, price: Price): void {
    const instrument = this.desk.instruments(symbol);
    if (!instrument) return;
    for (const group of this.groupsById.values()) {
      if (group.symbol !== symbol || (group.state !== 'active' && group.state !== 'pendingEntry')) continue;
      let changed = false;
      for (const leg of group.legs) {
        if (leg.state !== 'armed') continue;
        if (trailLeg(leg, group.side, price, instrument)) {
          changed = true;
          if (leg.mode === 'broker')
            for (const orderId of this.liveOrderIds(leg))
              this.desk.modifyOrder(orderId, { stopPrice: leg.price });
        }
      }
      // One exit at a time: while a triggered leg's order is working, its siblings wait.
      const busy = group.legs.some((leg) => leg.state === 'triggered');
      for (const leg of group.legs) {
        if (busy || leg.mode !== 'virtual' || leg.state !== 'armed' || legOpenQuantity(leg) === 0) continue;
        if (!legReached(leg, group.side, price)) continue;
        this.triggerLeg(group, leg);
        changed = true;
        break;
      }
      if (changed) this.publishGroup(group);
    }
  }

  // ---------------------------------------------------------------- internals

  /** Exits of a position may not exceed it: the refusal, or null when `request` fits. */
  private refuseBeyondPosition(
    what: string,
    request: Pick<OcoRequest, 'symbol' | 'source' | 'side' | 'quantity'>,
  ): PlaceOrderOutcome | null {
    const exposure = this.desk.exitExposure(request.symbol, request.source, request.side);
    if (request.quantity <= exposure) return null;
    return {
      ok: false,
      orderId: null,
      code: 'reduceOnly',
      reason: `${what} ${request.side} of ${request.quantity} exceeds the open position of ${exposure} ${request.symbol}`,
    };
  }

  /** A group without an entry order (OCO, trailing stop): it protects a position that is already open. */
  private startExitGroup(group: AttachedGroup): void {
    group.entryDone = true;
    if (group.state === 'pendingEntry') moveGroup(group, 'active');
    this.groupsById.set(group.groupId, group);
  }

  private link(orderId: OrderId, link: OrderLink): void {
    this.links.set(orderId, link);
    if (link.leg === null) link.group.entryOrderIds.push(orderId);
    else link.leg.orderIds.push(orderId);
  }

  private createGroup(
    kind: AttachedKind,
    symbol: Symbol,
    side: Side,
    source: OrderSource,
    legs: readonly LegSpec[],
    quantity: number,
    protectsPosition: boolean,
    tag: string | undefined,
  ): AttachedGroup {
    const groupId = this.desk.ids.next('group');
    const mode = this.modeFor(kind, legs);
    return {
      groupId,
      kind,
      symbol,
      side,
      source,
      tag,
      protectsPosition,
      entryOrderIds: [],
      entryFilled: 0,
      entryDone: false,
      legs: legs.map((spec, index) =>
        makeLeg(`${groupId}/${spec.role === 'leg' ? `leg${index + 1}` : spec.role}`, spec, mode, 0),
      ),
      state: quantity > 0 ? 'active' : 'pendingEntry',
      tsUpdated: this.desk.clock.nowUs(),
    };
  }

  /** Broker mode when the broker can hold every leg side by side; otherwise the core emulates them. */
  private modeFor(kind: AttachedKind, legs: readonly LegSpec[]): AttachedMode {
    if (kind === 'virtualStop') return 'virtual';
    const typesOk = legs.every((leg) =>
      leg.kind === 'limit'
        ? this.desk.supports('limit')
        : this.desk.supports(leg.limitPrice === undefined ? 'stop' : 'stopLimit'),
    );
    if (!typesOk) return 'virtual';
    if (legs.length > 1 && !this.desk.concurrentExitOrders()) return 'virtual';
    return 'broker';
  }

  /** Adds quantity to a leg: virtual legs just cover more; broker legs get another resting order. */
  private armLeg(group: AttachedGroup, leg: AttachedLeg, quantity: number, startPrice: Price | null): void {
    if (!isLegLive(leg) || quantity <= 0) return;
    leg.quantity += quantity;
    if (leg.state === 'pending') moveLeg(leg, 'armed');
    if (leg.trailUnits !== null && leg.extreme === null && startPrice !== null) {
      const instrument = this.desk.instruments(group.symbol);
      if (instrument) trailLeg(leg, group.side, startPrice, instrument);
    }
    if (leg.mode === 'broker') this.sendLegOrder(group, leg, quantity);
  }

  private sendLegOrder(group: AttachedGroup, leg: AttachedLeg, quantity: number): void {
    const request: OrderRequest =
      leg.kind === 'limit'
        ? { ...this.legBase(group, quantity), type: 'limit', limitPrice: leg.price }
        : leg.limitPrice === null
          ? { ...this.legBase(group, quantity), type: 'stop', stopPrice: leg.price }
          : {
              ...this.legBase(group, quantity),
              type: 'stopLimit',
              stopPrice: leg.price,
              limitPrice: leg.limitPrice,
            };
    const link: OrderLink = { group, leg };
    const outcome = this.desk.checkAndSend(request, true, (orderId) => this.link(orderId, link));
    if (!outcome.ok && this.liveOrderIds(leg).length === 0) {
      // The broker side refused the resting leg (price band, reduce-only race): keep protecting virtually.
      leg.mode = 'virtual';
    }
  }

  private legBase(group: AttachedGroup, quantity: number): Omit<OrderRequest, 'type'> {
    return {
      symbol: group.symbol,
      side: group.side,
      quantity,
      timeInForce: 'DAY',
      reduceOnly: group.protectsPosition,
      source: group.source,
      tag: group.tag ?? group.groupId,
    };
  }

  private liveOrderIds(leg: AttachedLeg): OrderId[] {
    return leg.orderIds.filter((orderId) => {
      const order = this.desk.order(orderId);
      return order !== undefined && !isTerminal(order.status) && !this.desk.isCancelRequested(orderId);
    });
  }

  /** Lowers what a leg must still exit by `quantity`, cancelling or shrinking its broker orders to match. */
  private shrinkLeg(leg: AttachedLeg, quantity: number): void {
    if (!isLegLive(leg) || quantity <= 0) return;
    leg.quantity = Math.max(leg.filledQuantity, leg.quantity - quantity);
    const target = legOpenQuantity(leg);
    let excess = -target;
    const live = this.liveOrderIds(leg);
    for (const orderId of live) excess += remainingQuantity(this.desk.order(orderId) as Order);
    for (const orderId of [...live].reverse()) {
      if (excess <= 0) break;
      const order = this.desk.order(orderId) as Order;
      const open = remainingQuantity(order);
      if (excess >= open) {
        this.desk.cancelOrder(orderId, `${leg.legId}: sibling filled`);
        excess -= open;
      } else {
        this.desk.modifyOrder(orderId, { quantity: order.quantity - excess });
        excess = 0;
      }
    }
    if (target === 0) moveLeg(leg, leg.filledQuantity > 0 ? 'done' : 'cancelled');
  }

  private retireLeg(leg: AttachedLeg, state: 'done' | 'cancelled'): void {
    for (const orderId of this.liveOrderIds(leg)) this.desk.cancelOrder(orderId, `${leg.legId} ${state}`);
    if (isLegLive(leg)) moveLeg(leg, state);
  }

  private finishGroupIfDone(group: AttachedGroup): void {
    if (group.state === 'done' || group.state === 'cancelled') return;
    const anyLive = group.legs.some(isLegLive);
    if (group.entryDone && !anyLive)
      moveGroup(group, group.legs.some((leg) => leg.filledQuantity > 0) ? 'done' : 'cancelled');
  }

  private afterEntryEvent(group: AttachedGroup, order: Order, event: OrderEvent): void {
    if (event.type === 'OrderFilled') {
      group.entryFilled += event.fill.quantity;
      if (group.state === 'pendingEntry') moveGroup(group, 'active');
      const exitTriggered = group.legs.some((leg) => leg.state === 'triggered' || leg.filledQuantity > 0);
      for (const leg of group.legs) {
        if (exitTriggered) continue;
        this.armLeg(group, leg, event.fill.quantity, event.fill.price);
      }
    }
    if (isTerminal(order.status)) {
      const allDone = group.entryOrderIds.every((orderId) =>
        isTerminal((this.desk.order(orderId) as Order).status),
      );
      if (allDone) {
        group.entryDone = true;
        if (group.entryFilled === 0) {
          for (const leg of group.legs) this.retireLeg(leg, 'cancelled');
          moveGroup(group, 'cancelled');
        }
      }
    }
  }

  private afterLegEvent(group: AttachedGroup, leg: AttachedLeg, order: Order, event: OrderEvent): void {
    if (event.type === 'OrderFilled') {
      const quantity = event.fill.quantity;
      leg.filledQuantity += quantity;
      // An exit has begun: the rest of the entry must not add to a position that is being closed.
      this.cancelEntryRemainder(group);
      for (const sibling of group.legs) if (sibling !== leg) this.shrinkLeg(sibling, quantity);
      if (legOpenQuantity(leg) === 0 && group.entryDone) moveLeg(leg, 'done');
      return;
    }
    if (!isTerminal(order.status)) return;
    const liveLeft = this.liveOrderIds(leg).length;
    if (leg.state === 'triggered' && liveLeft === 0 && legOpenQuantity(leg) > 0) {
      // The exit sent on trigger died unfilled (no liquidity, broker reject): watch the price again.
      moveLeg(leg, 'armed');
      return;
    }
    if (
      leg.mode === 'broker' &&
      liveLeft === 0 &&
      legOpenQuantity(leg) > 0 &&
      isLegLive(leg) &&
      !this.desk.isCancelRequested(order.orderId)
    ) {
      // The broker dropped a resting leg we did not cancel (rejection, RMS cancel): keep it virtually.
      leg.mode = 'virtual';
    }
  }

  private cancelEntryRemainder(group: AttachedGroup): void {
    for (const orderId of group.entryOrderIds) {
      const order = this.desk.order(orderId) as Order;
      if (!isTerminal(order.status)) this.desk.cancelOrder(orderId, `${group.groupId}: exit started`);
    }
  }

  /** Exit legs never cover more than the open position (a manual exit or a square-off may have closed it). */
  private clampGroups(symbol: Symbol, source: OrderSource): void {
    for (const group of this.groupsById.values()) {
      if (!group.protectsPosition || group.symbol !== symbol || group.source !== source) continue;
      if (group.state !== 'active' && group.state !== 'pendingEntry') continue;
      const exposure = this.desk.exitExposure(symbol, source, group.side);
      for (const leg of group.legs) {
        if (!isLegLive(leg) || leg.state === 'triggered') continue;
        const excess = legOpenQuantity(leg) - exposure;
        if (excess > 0) this.shrinkLeg(leg, excess);
      }
      if (exposure === 0 && group.entryDone) {
        for (const leg of group.legs)
          if (leg.state !== 'triggered') this.retireLeg(leg, leg.filledQuantity > 0 ? 'done' : 'cancelled');
      }
      this.finishGroupIfDone(group);
      this.publishGroup(group);
    }
  }

  private triggerLeg(group: AttachedGroup, leg: AttachedLeg): void {
    moveLeg(leg, 'triggered');
    this.cancelEntryRemainder(group);
    const base = this.legBase(group, legOpenQuantity(leg));
    const request: OrderRequest =
      leg.kind === 'stop' && leg.limitPrice !== null
        ? { ...base, type: 'limit', limitPrice: leg.limitPrice }
        : { ...base, type: 'market' };
    const link: OrderLink = { group, leg };
    const outcome = this.desk.checkAndSend(request, true, (orderId) => this.link(orderId, link));
    if (!outcome.ok) moveLeg(leg, 'armed');
  }

  private publishGroup(group: AttachedGroup): void {
    if (this.desk.hasListeners()) this.desk.publish({ type: 'group', group: viewGroup(group) });
  }
}

/** Take-profit beyond the entry in the trade's favour, stop-loss beyond it against the trade. */
function validateExitPrices(
  legs: readonly LegSpec[],
  exitSide: Side,
  entryPrice: Price | null | undefined,
): string | null {
  if (entryPrice === null || entryPrice === undefined) return null;
  for (const leg of legs) {
    const above = leg.price > entryPrice;
    const below = leg.price < entryPrice;
    // Exiting a long (sell): TP above, SL below. Exiting a short (buy): the mirror.
    const ok =
      leg.kind === 'limit' ? (exitSide === 'sell' ? above : below) : exitSide === 'sell' ? below : above;
    if (!ok) {
      const where =
        leg.kind === 'limit'
          ? exitSide === 'sell'
            ? 'above'
            : 'below'
          : exitSide === 'sell'
            ? 'below'
            : 'above';
      return `${leg.role} at ${leg.price} must be ${where} the entry price ${entryPrice}`;
    }
  }
  return null;
}
