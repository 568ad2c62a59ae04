import { create } from 'zustand';
import type { HotkeyAction, HotkeyBindings } from '../../../shared/domain/hotkeys';
import {
  DEFAULT_HOTKEYS,
  HOTKEY_ACTIONS,
  hotkeyKeyProblem,
  normaliseKey,
} from '../../../shared/domain/hotkeys';

export type { HotkeyAction } from '../../../shared/domain/hotkeys';
export { HOTKEY_ACTIONS } from '../../../shared/domain/hotkeys';

const STORAGE_KEY = 'scalpdesk.hotkeys.v1';

/** This profile's own changes (the `?` overlay), over the bindings of settings.json. */
function loadProfileChanges(): Partial<Record<HotkeyAction, string>> {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    const changes: Partial<Record<HotkeyAction, string>> = {};
    for (const { action } of HOTKEY_ACTIONS) {
      const key = saved[action];
      if (typeof key === 'string' && key.length > 0) changes[action] = key;
    }
    return changes;
  } catch {
    return {};
  }
}

interface HotkeyState {
  /** What settings.json gives (the README's defaults where it says nothing), from system info. */
  readonly configured: HotkeyBindings;
  /** What the keys do now: the configured bindings with this profile's changes on top. */
  readonly bindings: Record<HotkeyAction, string>;
}

export const useHotkeyBindings = create<HotkeyState>(() => ({
  configured: DEFAULT_HOTKEYS,
  bindings: { ...DEFAULT_HOTKEYS, ...loadProfileChanges() },
}));

/** The host's bindings (settings.json `hotkeys`), applied under this profile's own changes. */
export function applyConfiguredHotkeys(configured: HotkeyBindings): void {
  useHotkeyBindings.setState({ configured, bindings: { ...configured, ...loadProfileChanges() } });
}

/**
 * Rebinds an action (the `?` overlay's settings). Refused, with the reason, when the key is already
 * bound to another action or is a modifier; Ctrl/Alt/Meta combinations are never hotkeys.
 */
export function rebind(action: HotkeyAction, key: string): string | null {
  const normalised = normaliseKey(key);
  const problem = hotkeyKeyProblem(normalised);
  if (problem) return problem;
  const bindings = useHotkeyBindings.getState().bindings;
  const taken = HOTKEY_ACTIONS.find(
    (entry) => entry.action !== action && bindings[entry.action] === normalised,
  );
  if (taken) return `${normalised} is already "${taken.label}"`;
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...loadProfileChanges(), [action]: normalised }));
  useHotkeyBindings.setState({ bindings: { ...bindings, [action]: normalised } });
  return null;
}

/** Drops this profile's changes: back to the bindings of settings.json. */
export function resetHotkeys(): void {
  localStorage.removeItem(STORAGE_KEY);
  useHotkeyBindings.setState((state) => ({ bindings: { ...state.configured } }));
}

export interface KeyEventLike {
  readonly key: string;
  readonly repeat: boolean;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly target: EventTarget | null;
}

/** Where keys belong to the control, never to trading: typing in a field, choosing in a list. */
function isEditable(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  return (
    target.closest(
      'input, select, textarea, [contenteditable="true"], [role="listbox"], [role="combobox"]',
    ) !== null
  );
}

/**
 * The action a key press means, or null. Safety rules (issue 11): auto-repeat never trades (holding
 * B sends one order), Ctrl/Alt/Meta combinations never trade (Ctrl+S is the browser's), and keys
 * typed into a field or a selector never reach trading.
 */
export function hotkeyAction(
  event: KeyEventLike,
  bindings: Readonly<Record<HotkeyAction, string>>,
): HotkeyAction | null {
  if (event.repeat || event.ctrlKey || event.altKey || event.metaKey) return null;
  if (isEditable(event.target)) return null;
  const key = normaliseKey(event.key);
  return HOTKEY_ACTIONS.find((entry) => bindings[entry.action] === key)?.action ?? null;
}
