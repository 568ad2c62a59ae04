import { create } from 'zustand';
import type {
  AttachedGroupView,
  EngineStatusView,
  InstrumentView,
  LadderView,
  OrderView,
  PositionView,
  SystemInfo,
  SystemStatus,
} from '../../shared/api/views';
import type { OrderStatus } from '../../shared/domain/orders';
import type { Api, ConnectionState } from './api/connection';
import { connectApi } from './api/connection';

interface WorkstationState {
  readonly connection: ConnectionState;
  readonly status: SystemStatus | null;
  readonly instruments: readonly InstrumentView[];
  readonly positions: readonly PositionView[];
  readonly ladders: Readonly<Record<string, LadderView>>;
  /** Wall-clock ms a ladder update last arrived, per symbol: the last-tick age the trader sees. */
  readonly ladderReceivedMs: Readonly<Record<string, number>>;
  /** Session info (broker, host) from system.getInfo; null until it answered. */
  readonly info: SystemInfo | null;
  /** Orders by id, newest state of each (orders.list merged with orders.onOrder); filled by watchTrading. */
  readonly orders: Readonly<Record<string, OrderView>>;
  /** Attached-order groups by id, in the order they were first seen (TP/SL, OCO, trailing, emulated stops). */
  readonly groups: Readonly<Record<string, AttachedGroupView>>;
  readonly engine: EngineStatusView | null;
  readonly lastError: string | null;
  /** What the last trading action did ("Cancel all: 3 cancelled …"), shown in the status bar. */
  readonly lastAction: string | null;
}

export const useWorkstation = create<WorkstationState>(() => ({
  connection: 'connecting',
  status: null,
  instruments: [],
  positions: [],
  ladders: {},
  ladderReceivedMs: {},
  info: null,
  orders: {},
  groups: {},
  engine: null,
  lastError: null,
  lastAction: null,
}));

let api: Api | null = null;

const connectionListeners = new Set<(connection: ConnectionState) => void>();

/** Runs `listener` on every change of the host connection (the ARM switch drops on a loss). */
export function onConnectionChange(listener: (connection: ConnectionState) => void): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

/** One-shot reads: on first connect and again after a reconnect (subscriptions are resent by the pipe). */
function loadSnapshots(client: Api): void {
  client.market
    .listInstruments({})
    .then((instruments) => useWorkstation.setState({ instruments }), reportError);
  client.system.getInfo({}).then((info) => useWorkstation.setState({ info }), reportError);
  client.positions.list({}).then((positions) => useWorkstation.setState({ positions }), reportError);
}

/** The one API client of this window, created on first use. */
export function getApi(): Api {
  if (!api) {
    let previous: ConnectionState = 'connecting';
    api = connectApi((connection) => {
      useWorkstation.setState({ connection });
      if (connection === 'open' && previous === 'closed' && api) {
        useWorkstation.setState({ lastError: null });
        loadSnapshots(api);
        for (const refresh of reconnectRefreshers) refresh();
      }
      previous = connection;
      connectionListeners.forEach((listener) => listener(connection));
    });
    api.system.onStatus({}, (status) => useWorkstation.setState({ status }));
    api.positions.onPositions({}, (positions) => useWorkstation.setState({ positions }));
    loadSnapshots(api);
  }
  return api;
}

/** Lists a trading window re-reads after the host came back (orders, groups, engine). */
const reconnectRefreshers = new Set<() => void>();

export function reportError(error: unknown): void {
  useWorkstation.setState({ lastError: error instanceof Error ? error.message : String(error) });
}

/**
 * Market data for `symbol` arrived by another stream than its ladder (a chart's candles): the status
 * bar's last-tick age counts it, so a window without a ladder does not show a live feed as stale.
 */
export function noteMarketUpdate(symbol: string): void {
  const now = Date.now();
  // At most four store updates a second: the status bar shows the age in 250 ms steps.
  if (now - (useWorkstation.getState().ladderReceivedMs[symbol] ?? 0) < 250) return;
  useWorkstation.setState((state) => ({ ladderReceivedMs: { ...state.ladderReceivedMs, [symbol]: now } }));
}

const pendingLadders = new Map<string, LadderView>();
let ladderFrame = 0;

/**
 * Ladder updates arrive already conflated by the core (≤ one per symbol per frame); this keeps only
 * the newest per symbol and applies them all in one store update per animation frame, so React
 * renders a ladder at most once a frame however fast views arrive (the ladder benchmark feeds 1,000/s here).
 */
export function receiveLadder(view: LadderView): void {
  pendingLadders.set(view.symbol, view);
  if (ladderFrame) return;
  ladderFrame = requestAnimationFrame(() => {
    ladderFrame = 0;
    if (pendingLadders.size === 0) return;
    const views = [...pendingLadders.values()];
    pendingLadders.clear();
    const now = Date.now();
    useWorkstation.setState((state) => {
      const ladders = { ...state.ladders };
      const ladderReceivedMs = { ...state.ladderReceivedMs };
      for (const view of views) {
        ladders[view.symbol] = view;
        ladderReceivedMs[view.symbol] = now;
      }
      return { ladders, ladderReceivedMs };
    });
  });
}

export function watchLadder(symbol: string): () => void {
  return getApi().market.onLadder({ symbol }, receiveLadder);
}

/** How far along an order is, for ordering two states stamped with the same market time. */
const STATUS_PROGRESS: Record<OrderStatus, number> = {
  new: 0,
  submitted: 1,
  accepted: 2,
  partiallyFilled: 3,
  filled: 4,
  cancelled: 4,
  rejected: 4,
  expired: 4,
};

/**
 * `orders.list` reads the order manager directly, so it can be ahead of changes still on their way
 * through `orders.onOrder` (those wait for the ledger): keep whichever state of an order is later.
 */
export function laterOrder(current: OrderView | undefined, next: OrderView): OrderView {
  if (!current) return next;
  if (next.tsUpdated !== current.tsUpdated) return next.tsUpdated > current.tsUpdated ? next : current;
  const progress = STATUS_PROGRESS[next.status] - STATUS_PROGRESS[current.status];
  if (progress !== 0) return progress > 0 ? next : current;
  return next.filledQuantity >= current.filledQuantity ? next : current;
}

function laterGroup(current: AttachedGroupView | undefined, next: AttachedGroupView): AttachedGroupView {
  return current && current.revision > next.revision ? current : next;
}

/**
 * Orders, attached groups and the engine's status, for windows that trade (the ladder): the streams
 * first, then the lists, each merged keeping the later state. Returns the unsubscribe.
 */
export function watchTrading(): () => void {
  const api = getApi();
  const putOrders = (orders: readonly OrderView[]): void =>
    useWorkstation.setState((state) => {
      const next = { ...state.orders };
      for (const order of orders) next[order.orderId] = laterOrder(next[order.orderId], order);
      return { orders: next };
    });
  const putGroups = (groups: readonly AttachedGroupView[]): void =>
    useWorkstation.setState((state) => {
      const next = { ...state.groups };
      for (const group of groups) next[group.groupId] = laterGroup(next[group.groupId], group);
      return { groups: next };
    });
  const unsubscribers = [
    api.orders.onOrder({}, (order) => putOrders([order])),
    api.orders.onGroup({}, (group) => putGroups([group])),
    api.engine.onStatus({}, (engine) => useWorkstation.setState({ engine })),
  ];
  const refresh = (): void => {
    api.orders.list({}).then(putOrders, reportError);
    api.orders.listGroups({}).then(putGroups, reportError);
    api.engine.getStatus({}).then((engine) => useWorkstation.setState({ engine }), reportError);
  };
  refresh();
  reconnectRefreshers.add(refresh);
  return () => {
    reconnectRefreshers.delete(refresh);
    unsubscribers.forEach((unsubscribe) => unsubscribe());
  };
}
