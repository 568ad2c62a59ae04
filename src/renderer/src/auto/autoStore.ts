import { create } from 'zustand';
import type { AutoPanelView } from '../../../shared/api/autoViews';
import type { DecisionView } from '../../../shared/api/views';
import { getApi, reportError } from '../store';

/** Decisions the feed keeps (the engine keeps 200 in memory; the ledger keeps all). */
const FEED_LENGTH = 300;

interface AutoState {
  readonly panel: AutoPanelView | null;
  /** Newest first. */
  readonly decisions: readonly DecisionView[];
}

export const useAuto = create<AutoState>(() => ({ panel: null, decisions: [] }));

/** Decisions arrive one by one; a frame's worth is merged in one state change. */
let pending: DecisionView[] = [];
let frame = 0;

function flushDecisions(): void {
  frame = 0;
  const arrived = pending;
  pending = [];
  useAuto.setState((state) => ({
    decisions: [...arrived.reverse(), ...state.decisions].slice(0, FEED_LENGTH),
  }));
}

/** The auto-trade window's streams: the engine's panel (≤ one per frame) and its decisions. */
export function watchAuto(): () => void {
  const api = getApi();
  const seen = new Set<string>();
  const unsubscribers = [
    api.engine.onPanel({}, (panel) => useAuto.setState({ panel })),
    api.engine.onDecision({}, (decision) => {
      if (seen.has(decision.decisionId)) return;
      seen.add(decision.decisionId);
      pending.push(decision);
      if (frame === 0) frame = requestAnimationFrame(flushDecisions);
    }),
  ];
  api.engine.getPanel({}).then((panel) => useAuto.setState({ panel }), reportError);
  api.engine.recentDecisions({}).then((recent) => {
    const fresh = recent.filter((decision) => !seen.has(decision.decisionId));
    for (const decision of fresh) seen.add(decision.decisionId);
    useAuto.setState((state) => ({
      decisions: [...state.decisions, ...fresh.reverse()]
        .sort((a, b) => b.tsEvent - a.tsEvent)
        .slice(0, FEED_LENGTH),
    }));
  }, reportError);
  return () => {
    unsubscribers.forEach((unsubscribe) => unsubscribe());
    if (frame !== 0) cancelAnimationFrame(frame);
    frame = 0;
    pending = [];
  };
}
