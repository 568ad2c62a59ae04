/**
 * Trading hotkeys: the actions a key can trigger, their defaults (the README's table) and the check
 * of a `hotkeys` section in settings.json (action → key). Shared by the host, which validates the
 * file and reports what it ignores, and the windows, which bind the keys.
 */

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

export type HotkeyBindings = Readonly<Record<HotkeyAction, string>>;

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

/** The defaults the README documents (OpenAlgo's scalping keys: arrows for CE/PE, F6/F7, F8 kill switch). */
export const DEFAULT_HOTKEYS: HotkeyBindings = {
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

/** Named keys a binding may use besides one printable character (KeyboardEvent.key names). */
const NAMED_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Escape',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Insert',
  'Delete',
  'Backspace',
  ...Array.from({ length: 12 }, (_unused, index) => `F${index + 1}`),
]);

/** A key as bindings name it: letters upper-case, everything else as KeyboardEvent.key says. */
export function normaliseKey(key: string): string {
  return key.length === 1 ? key.toUpperCase() : key;
}

/**
 * Why `key` cannot be a hotkey, or null. Modifiers, Tab, Enter and Space belong to the page and to
 * focused controls; Ctrl/Alt/Meta combinations never trade, so they cannot be bound either.
 */
export function hotkeyKeyProblem(key: string): string | null {
  if (key === ' ') return 'Space cannot be a hotkey (it presses the focused button)';
  if (key.length === 1) return null;
  if (NAMED_KEYS.has(key)) return null;
  if (/^(Ctrl|Control|Alt|Meta|Shift|Cmd)\b/i.test(key))
    return `"${key}" cannot be a hotkey: combinations with Ctrl, Alt or Meta never trade`;
  return `"${key}" is not a key hotkeys can use (one character, F1–F12, arrows, Escape, Home, End, PageUp, PageDown, Insert, Delete, Backspace)`;
}

const isAction = (name: string): name is HotkeyAction =>
  HOTKEY_ACTIONS.some((entry) => entry.action === name);

/**
 * The bindings a settings.json `hotkeys` section gives (defaults for what it leaves out), and a
 * warning naming the field for everything it ignores: an unknown action, a key that cannot be a
 * hotkey, or a key already bound to another action (both keep their defaults then).
 */
export function resolveHotkeys(section: Readonly<Record<string, string>>): {
  readonly bindings: HotkeyBindings;
  readonly warnings: readonly string[];
} {
  const warnings: string[] = [];
  const chosen: Partial<Record<HotkeyAction, string>> = {};
  for (const [name, key] of Object.entries(section)) {
    if (!isAction(name)) {
      warnings.push(
        `hotkeys.${name}: unknown action, ignored (actions: ${HOTKEY_ACTIONS.map((entry) => entry.action).join(', ')})`,
      );
      continue;
    }
    const problem = hotkeyKeyProblem(key);
    if (problem) warnings.push(`hotkeys.${name}: ${problem}; keeps ${DEFAULT_HOTKEYS[name]}`);
    else chosen[name] = normaliseKey(key);
  }
  const bindings: Record<HotkeyAction, string> = { ...DEFAULT_HOTKEYS, ...chosen };
  for (const { action } of HOTKEY_ACTIONS) {
    const other = HOTKEY_ACTIONS.find(
      (entry) => entry.action !== action && bindings[entry.action] === bindings[action],
    );
    if (other && chosen[action] !== undefined) {
      warnings.push(
        `hotkeys.${action}: ${bindings[action]} is also ${other.action}; both keep their defaults (${DEFAULT_HOTKEYS[action]}, ${DEFAULT_HOTKEYS[other.action]})`,
      );
      bindings[action] = DEFAULT_HOTKEYS[action];
      bindings[other.action] = DEFAULT_HOTKEYS[other.action];
    }
  }
  const keys = Object.values(bindings);
  if (new Set(keys).size !== keys.length) {
    warnings.push('hotkeys: the keys still overlap after that; every hotkey keeps its default');
    return { bindings: DEFAULT_HOTKEYS, warnings };
  }
  return { bindings, warnings };
}
