/**
 * The engine's built-in presets, by name: the one list the engine's preset table
 * (src/main/trading/engine/config/presets.ts, one JSON file per name), the settings schema, the API
 * schemas and the replay window's picker all read. It lives here, at the bottom of the tree, because
 * the API schemas and the renderer may not import the engine.
 */
export const BUILT_IN_PRESET_NAMES = ['Sniper', 'Balanced', 'Scalper', 'Auto-Adaptive'] as const;
export type BuiltInPresetName = (typeof BUILT_IN_PRESET_NAMES)[number];

export function isBuiltInPresetName(name: string): name is BuiltInPresetName {
  return (BUILT_IN_PRESET_NAMES as readonly string[]).includes(name);
}

/** `unknown preset "X" (Sniper, Balanced, Scalper, Auto-Adaptive)`: the names a trader may use. */
export function unknownPresetMessage(name: string): string {
  return `unknown preset "${name}" (${BUILT_IN_PRESET_NAMES.join(', ')})`;
}
