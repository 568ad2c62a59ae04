import { useEffect } from 'react';
import { ReplayChart } from '../replay/ReplayChart';
import { ReplayControls } from '../replay/ReplayControls';
import { ReplayLadder } from '../replay/ReplayLadder';
import { ReplayResultsPanel } from '../replay/ReplayResultsPanel';
import { ReplaySourcePicker } from '../replay/ReplaySourcePicker';
import { SavedRunsTable } from '../replay/SavedRunsTable';
import { refreshRecordings, refreshRuns, useReplay, watchReplay } from '../replay/replayStore';

/**
 * The replay window (issue 6): pick a recording or an imported file, play it at 1×–60× or as fast as
 * the engine goes, watch its book, see the engine's results on the replay account at the end, and the
 * runs saved before. The replay itself runs in the core worker; this window only sends controls.
 */
export function ReplayWindow(): React.JSX.Element {
  const state = useReplay((store) => store.state);
  useEffect(() => watchReplay(), []);
  useEffect(() => {
    void refreshRecordings();
    void refreshRuns();
  }, []);
  const open = state !== null && state.status !== 'idle';
  return (
    <div className="replay-window">
      <ReplaySourcePicker />
      {open && <ReplayControls state={state} />}
      {open && <ReplayLadder state={state} />}
      {open && <ReplayChart state={state} />}
      {state?.results && <ReplayResultsPanel results={state.results} />}
      <SavedRunsTable />
    </div>
  );
}
