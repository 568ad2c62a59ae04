import { useEffect, useRef } from 'react';
import type { HotkeyAction } from './hotkeys';
import { hotkeyAction, useHotkeyBindings } from './hotkeys';

/**
 * Binds some hotkey actions for as long as the component is mounted. Several components may each
 * bind their own actions (the header: flatten/cancel; the ladder: buy/sell); a key goes to the one
 * that handles its action. The handlers are read at key time, so they always see current state.
 */
export function useHotkeys(handlers: Partial<Record<HotkeyAction, () => void>>): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const action = hotkeyAction(event, useHotkeyBindings.getState().bindings);
      if (!action) return;
      const handler = current.current[action];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
