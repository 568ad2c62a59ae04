import { create } from 'zustand';
import type {
  AttachedGroupView,
  EngineStatusView,
  InstrumentView,
  LadderView,
  OrderView,
  PositionView,
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
  /** Orders by id, newest state of each (orders.list merged with orders.onOrder); filled by watchTrading. */
  readonly orders: Readonly<Record<string, OrderView>>;
  /** Attached-order groups by id, in the order they were first seen (TP/SL, OCO, trailing, emulated stops). */
  readonly groups: Readonly<Record<string, AttachedGroupView>>;
  readonly engine: EngineStatusView | null;
  readonly lastError: string | null;
}

export const useWorkstation = create<WorkstationState>(() => ({
  connection: 'connecting',
  status: null,
  instruments: [],
  positions: [],
  ladders: {},
  orders: {},
  groups: {},
  engine: null,
  lastError: null,
}));

let api: Api | null = null;

/** The one API client of this window, created on first use. */
export function getApi(): Api {
  if (!api) {
    api = connectApi((connection) => useWorkstation.setState({ connection }));
    api.system.onStatus({}, (status) => useWorkstation.setState({ status }));
    api.positions.onPositions({}, (positions) => useWorkstation.setState({ positions }));
    api.market.listInstruments({}).then(
      (instruments) => useWorkstation.setState({ instruments }),
      (error: Error) => reportError(error),
    );
  }
  return api;
}

export function reportError(error: unknown): void {
  useWorkstation.setState({ lastError: error instanceof Error ? error.message : String(error) });
}

/**
 * Ladder updates arrive already conflated by the core (≤ one per symbol per frame); the store keeps
 * only the newest and React renders at most once per animation frame.
 */
export function watchLadder(symbol: string): () => void {
  let pending: LadderView | null = null;
  let frame = 0;
  const unsubscribe = getApi().market.onLadder({ symbol }, (view) => {
    pending = view;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const next = pending;
      if (next) useWorkstation.setState((state) => ({ ladders: { ...state.ladders, [next.symbol]: next } }));
    });
  });
  return () => {
    cancelAnimationFrame(frame);
    unsubscribe();
  };
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
  api.orders.list({}).then(putOrders, reportError);
  api.orders.listGroups({}).then(putGroups, reportError);
  api.engine.getStatus({}).then((engine) => useWorkstation.setState({ engine }), reportError);
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
