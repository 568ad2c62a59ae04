import { create } from 'zustand';
import type { InstrumentView, LadderView, PositionView, SystemStatus } from '../../shared/api/views';
import type { Api, ConnectionState } from './api/connection';
import { connectApi } from './api/connection';

interface WorkstationState {
  readonly connection: ConnectionState;
  readonly status: SystemStatus | null;
  readonly instruments: readonly InstrumentView[];
  readonly positions: readonly PositionView[];
  readonly ladders: Readonly<Record<string, LadderView>>;
  readonly lastError: string | null;
}

export const useWorkstation = create<WorkstationState>(() => ({
  connection: 'connecting',
  status: null,
  instruments: [],
  positions: [],
  ladders: {},
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
