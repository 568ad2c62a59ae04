import { create } from 'zustand';
import type { BacktestRunView, RecordingFileView, ReplayStateView } from '../../../shared/api/views';
import type { Api } from '../api/connection';
import { getApi } from '../store';

interface ReplayWindowState {
  readonly state: ReplayStateView | null;
  readonly recordings: readonly RecordingFileView[];
  readonly runs: readonly BacktestRunView[];
  /** The last refused request (a missing file, a bad time), shown in the window. */
  readonly error: string | null;
}

export const useReplay = create<ReplayWindowState>(() => ({
  state: null,
  recordings: [],
  runs: [],
  error: null,
}));

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Follows the replay. States arrive conflated by the core (≤ one per frame); the store keeps only the
 * newest and React renders at most once per animation frame. When a run's summary lands in the ledger,
 * the saved-runs table is reloaded.
 */
export function watchReplay(): () => void {
  let pending: ReplayStateView | null = null;
  let frame = 0;
  let savedRunId: string | null = null;
  const unsubscribe = getApi().replay.onState({}, (state) => {
    pending = state;
    if (state.results?.saved === 'saved' && state.results.runId !== savedRunId) {
      savedRunId = state.results.runId;
      void refreshRuns();
    }
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (pending) useReplay.setState({ state: pending });
    });
  });
  return () => {
    cancelAnimationFrame(frame);
    unsubscribe();
  };
}

export async function refreshRecordings(): Promise<void> {
  try {
    useReplay.setState({ recordings: await getApi().replay.listRecordings({}) });
  } catch (error) {
    useReplay.setState({ error: message(error) });
  }
}

export async function refreshRuns(): Promise<void> {
  try {
    useReplay.setState({ runs: await getApi().replay.listRuns({ limit: 50 }) });
  } catch (error) {
    useReplay.setState({ error: message(error) });
  }
}

/** Sends a control; its answer is the state after it. A refusal is shown and changes nothing. */
export async function replayControl(send: (api: Api) => Promise<ReplayStateView>): Promise<boolean> {
  try {
    const state = await send(getApi());
    // A conflated update may already be newer than the answer to this request.
    useReplay.setState((current) => ({
      error: null,
      state: current.state && current.state.sequence > state.sequence ? current.state : state,
    }));
    return true;
  } catch (error) {
    useReplay.setState({ error: message(error) });
    return false;
  }
}
