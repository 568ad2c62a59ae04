import { create } from 'zustand';

/** What a key can do. Opening actions (buy/sell…) also need the ARM switch; the rest always work. */
export type HotkeyAction =
  | 'buy'
  | 'sell'
  | 'buyCall'
  | 'sellCall'
  | 'buyPut'
  | 'sellPut'
  | 'flattenAll'
  | 'cancelAll'
  | 'killSwitch'
  | 'cancelLast'
  | 'recentre'
  | 'help';

export const HOTKEY_ACTIONS: ReadonlyArray<{ readonly action: HotkeyAction; readonly label: string }> = [
  { action: 'buy', label: 'Buy the selected lots at market' },
  { action: 'sell', label: 'Sell the selected lots at market' },
  { action: 'buyCall', label: 'Buy CE at market' },
  { action: 'sellCall', label: 'Sell CE at market' },
  { action: 'buyPut', label: 'Buy PE at market' },
  { action: 'sellPut', label: 'Sell PE at market' },
  { action: 'flattenAll', label: 'Flatten all positions' },
  { action: 'cancelAll', label: 'Cancel all working orders' },
  { action: 'killSwitch', label: 'Kill switch: stop the engine, cancel all, flatten all' },
  { action: 'cancelLast', label: 'Cancel my last working order' },
  { action: 'recentre', label: 'Re-centre the ladder on the market' },
  { action: 'help', label: 'Show / hide this list' },
];

/** The defaults the README documents (OpenAlgo's scalping keys: arrows for CE/PE, F6/F7). */
export const DEFAULT_HOTKEYS: Readonly<Record<HotkeyAction, string>> = {
  buy: 'B',
  sell: 'S',
  buyCall: 'ArrowUp',
  sellCall: 'ArrowDown',
  buyPut: 'ArrowRight',
  sellPut: 'ArrowLeft',
  flattenAll: 'F6',
  cancelAll: 'F7',
  killSwitch: 'F8',
  cancelLast: 'Escape',
  recentre: 'R',
  help: '?',
};

const STORAGE_KEY = 'scalpdesk.hotkeys.v1';

/** A key as bindings name it: letters upper-case, everything else as KeyboardEvent.key says. */
export function normaliseKey(key: string): string {
  return key.length === 1 ? key.toUpperCase() : key;
}

function loadBindings(): Record<HotkeyAction, string> {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    const bindings = { ...DEFAULT_HOTKEYS };
    for (const { action } of HOTKEY_ACTIONS) {
      const key = saved[action];
      if (typeof key === 'string' && key.length > 0) bindings[action] = key;
    }
    return bindings;
  } catch {
    return { ...DEFAULT_HOTKEYS };
  }
}

export const useHotkeyBindings = create<{ readonly bindings: Record<HotkeyAction, string> }>(() => ({
  bindings: loadBindings(),
}));

/**
 * Rebinds an action (the `?` overlay's settings). Refused, with the reason, when the key is already
 * bound to another action or is a modifier; Ctrl/Alt/Meta combinations are never hotkeys.
 */
export function rebind(action: HotkeyAction, key: string): string | null {
  const normalised = normaliseKey(key);
  if (['Control', 'Alt', 'Meta', 'Shift', 'Tab', 'Enter', ' '].includes(normalised))
    return `${normalised === ' ' ? 'Space' : normalised} cannot be a hotkey`;
  const bindings = useHotkeyBindings.getState().bindings;
  const taken = HOTKEY_ACTIONS.find(
    (entry) => entry.action !== action && bindings[entry.action] === normalised,
  );
  if (taken) return `${normalised} is already "${taken.label}"`;
  const next = { ...bindings, [action]: normalised };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  useHotkeyBindings.setState({ bindings: next });
  return null;
}

export function resetHotkeys(): void {
  localStorage.removeItem(STORAGE_KEY);
  useHotkeyBindings.setState({ bindings: { ...DEFAULT_HOTKEYS } });
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
