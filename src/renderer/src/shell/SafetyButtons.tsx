import { useHostReady } from './armStore';
import { cancelAll, flattenAll, killSwitch } from './safetyActions';
import { useHotkeyBindings } from './hotkeys';
import { useHotkeys } from './useHotkeys';

/**
 * Flatten all, Cancel all and the kill switch: in every window's header, armed or not (issue 11).
 * Disabled only while the host is unreachable (they could not reach it anyway), and the banner says so.
 */
export function SafetyButtons(): React.JSX.Element {
  const ready = useHostReady();
  const bindings = useHotkeyBindings((state) => state.bindings);
  useHotkeys({
    flattenAll: () => void flattenAll(),
    cancelAll: () => void cancelAll(),
    killSwitch: () => void killSwitch(),
  });
  return (
    <div className="safety" role="group" aria-label="Safety">
      <button type="button" className="flatten" disabled={!ready} onClick={() => void flattenAll()}>
        Flatten all <kbd>{bindings.flattenAll}</kbd>
      </button>
      <button type="button" className="cancel-all" disabled={!ready} onClick={() => void cancelAll()}>
        Cancel all <kbd>{bindings.cancelAll}</kbd>
      </button>
      <button
        type="button"
        className="kill"
        aria-label="Kill switch"
        title="Stop the engine, cancel every order, flatten every position"
        disabled={!ready}
        onClick={() => void killSwitch()}
      >
        KILL <kbd>{bindings.killSwitch}</kbd>
      </button>
    </div>
  );
}
