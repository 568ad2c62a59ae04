import { useState } from 'react';
import { HOTKEY_ACTIONS, rebind, resetHotkeys, useHotkeyBindings } from './hotkeys';
import type { HotkeyAction } from './hotkeys';

const KEY_NAMES: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
};

export function keyLabel(key: string): string {
  return KEY_NAMES[key] ?? key;
}

/**
 * The `?` overlay: every hotkey and what it does, and the place to change them (kept in this
 * browser profile / desktop profile). Auto-repeat, Ctrl/Alt/Meta and keys typed into fields never trade.
 */
export function HotkeyOverlay({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const bindings = useHotkeyBindings((state) => state.bindings);
  const [capturing, setCapturing] = useState<HotkeyAction | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Hotkeys">
      <div className="overlay-body">
        <h2>Hotkeys</h2>
        <p className="muted">
          Opening keys need ARM on. Held keys (auto-repeat), Ctrl/Alt/⌘ combinations and keys typed into a
          field never trade.
        </p>
        <table className="grid compact" data-testid="hotkey-table">
          <tbody>
            {HOTKEY_ACTIONS.map(({ action, label }) => (
              <tr key={action}>
                <td>
                  <kbd>{keyLabel(bindings[action])}</kbd>
                </td>
                <td>{label}</td>
                <td>
                  {capturing === action ? (
                    <input
                      autoFocus
                      aria-label={`New key for ${label}`}
                      placeholder="press a key"
                      readOnly
                      onKeyDown={(event) => {
                        event.preventDefault();
                        event.stopPropagation();
                        if (
                          event.key === 'Escape' &&
                          event.shiftKey === false &&
                          bindings[action] !== 'Escape'
                        ) {
                          setCapturing(null);
                          return;
                        }
                        setProblem(rebind(action, event.key));
                        setCapturing(null);
                      }}
                      onBlur={() => setCapturing(null)}
                    />
                  ) : (
                    <button
                      type="button"
                      aria-label={`Change key for ${label}`}
                      onClick={() => setCapturing(action)}
                    >
                      Change
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {problem && (
          <p className="state-bad" role="status">
            {problem}
          </p>
        )}
        <div className="toolbar">
          <button type="button" onClick={resetHotkeys}>
            Reset to defaults
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
