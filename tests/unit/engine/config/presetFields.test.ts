import { describe, expect, it } from 'vitest';
import { loadBuiltInPreset, revisePreset } from '../../../../src/main/trading/engine/config/presets';
import {
  applyChanges,
  PresetFieldError,
  presetFields,
} from '../../../../src/main/trading/engine/config/presetFields';

describe('preset fields described from the preset schema (the auto-trade editor)', () => {
  const preset = loadBuiltInPreset('Scalper');
  const fields = presetFields(preset.params);
  const field = (path: string) => fields.find((candidate) => candidate.path === path);

  it('lists every leaf of the params with its kind, range and current value', () => {
    expect(field('gates.minScore.minScore')).toMatchObject({
      group: 'gates',
      kind: 'number',
      min: 0,
      max: 100,
      value: preset.params.gates.minScore.minScore,
    });
    expect(field('indicators.emaFastPeriod')).toMatchObject({ kind: 'integer', min: 2, max: 200 });
    // A `positive` field has an exclusive lower bound, not a minimum.
    expect(field('selection.maxPremium')).toMatchObject({ kind: 'number', min: null, above: 0, max: null });
    expect(field('signals.momentumBurst.windowSeconds')).toMatchObject({
      kind: 'choice',
      options: [5, 15, 30, 60],
    });
    expect(field('router.trend')).toMatchObject({ kind: 'list' });
    expect(field('gates.warmUp.enabled')?.kind).toBe('boolean');
    expect(new Set(fields.map((entry) => entry.group))).toEqual(new Set(Object.keys(preset.params)));
  });

  it('applies changes by path without touching the preset, and refuses an unknown path by name', () => {
    const changed = applyChanges(preset.params, { 'gates.minScore.minScore': 61 }) as typeof preset.params;
    expect(changed.gates.minScore.minScore).toBe(61);
    expect(preset.params.gates.minScore.minScore).not.toBe(61);
    expect(() => applyChanges(preset.params, { 'gates.minScore.nope': 1 })).toThrow(PresetFieldError);
    expect(() => applyChanges(preset.params, { 'gates.minScore.nope': 1 })).toThrow(/gates\.minScore\.nope/);
  });

  it('a changed value validates into the next version; an out-of-range one names its field', () => {
    const revised = revisePreset(preset, applyChanges(preset.params, { 'gates.minScore.minScore': 61 }));
    expect(revised.version).toBe(preset.version + 1);
    expect(() =>
      revisePreset(preset, applyChanges(preset.params, { 'gates.minScore.minScore': 250 })),
    ).toThrow(/gates\.minScore\.minScore/);
  });
});
