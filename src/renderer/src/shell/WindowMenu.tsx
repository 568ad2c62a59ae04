import { useEffect, useRef, useState } from 'react';
import { WINDOW_KINDS, openWindow } from './windowKinds';

/**
 * Window → New Ladder / Chart / … : opens another window of a kind (several of a kind allowed). In
 * Electron the application menu has the same entries; this one serves browser mode and both.
 */
export function WindowMenu(): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const close = (event: MouseEvent): void => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div className="window-menu" ref={root}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      >
        Window ▾
      </button>
      {open && (
        <ul role="menu" aria-label="Window">
          {WINDOW_KINDS.map((kind) => (
            <li key={kind.route} role="none">
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  setOpen(false);
                  openWindow(kind.route);
                }}
              >
                New {kind.title}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
