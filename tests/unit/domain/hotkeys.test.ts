import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS, hotkeyKeyProblem, resolveHotkeys } from '../../../src/shared/domain/hotkeys';

describe('hotkeys from settings.json', () => {
  it('gives the README defaults for an empty section', () => {
    expect(resolveHotkeys({})).toEqual({ bindings: DEFAULT_HOTKEYS, warnings: [] });
    expect(DEFAULT_HOTKEYS).toMatchObject({ buy: 'B', sell: 'S', flattenAll: 'F6', cancelAll: 'F7' });
  });

  it('rebinds the actions it names, letters upper-cased, the rest kept', () => {
    const { bindings, warnings } = resolveHotkeys({ buy: 'j', flattenAll: 'F9' });
    expect(warnings).toEqual([]);
    expect(bindings).toMatchObject({ buy: 'J', flattenAll: 'F9', sell: 'S', cancelAll: 'F7' });
  });

  it('ignores an unknown action with a warning naming the field and the valid actions', () => {
    const { bindings, warnings } = resolveHotkeys({ buyy: 'J' });
    expect(bindings).toEqual(DEFAULT_HOTKEYS);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^hotkeys\.buyy: unknown action, ignored \(actions: buy, sell/);
  });

  it('refuses keys that cannot be hotkeys, keeping the default', () => {
    const { bindings, warnings } = resolveHotkeys({ buy: 'Ctrl+B', sell: ' ', cancelAll: 'Enter' });
    expect(bindings).toEqual(DEFAULT_HOTKEYS);
    expect(warnings).toEqual([
      expect.stringMatching(/^hotkeys\.buy: "Ctrl\+B" cannot be a hotkey: combinations with Ctrl.*keeps B$/),
      expect.stringMatching(/^hotkeys\.sell: Space cannot be a hotkey.*keeps S$/),
      expect.stringMatching(/^hotkeys\.cancelAll: "Enter" is not a key hotkeys can use.*keeps F7$/),
    ]);
    expect(hotkeyKeyProblem('F12')).toBeNull();
    expect(hotkeyKeyProblem('ArrowUp')).toBeNull();
  });

  it('never lets two actions share a key: both keep their defaults, with a warning', () => {
    const { bindings, warnings } = resolveHotkeys({ buy: 'S' });
    expect(bindings).toMatchObject({ buy: 'B', sell: 'S' });
    expect(warnings).toEqual([
      expect.stringMatching(/^hotkeys\.buy: S is also sell; both keep their defaults/),
    ]);
  });

  it('accepts a swap of two keys', () => {
    const { bindings, warnings } = resolveHotkeys({ buy: 'S', sell: 'B' });
    expect(warnings).toEqual([]);
    expect(bindings).toMatchObject({ buy: 'S', sell: 'B' });
  });
});
