import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src/shared/codecs/canonicalJson';
import { contentHash, sha256Hex } from '../../../../src/main/trading/engine/config/contentHash';
import {
  BUILT_IN_PRESET_NAMES,
  loadBuiltInPreset,
  parsePreset,
  PresetError,
  revisePreset,
  validateParams,
} from '../../../../src/main/trading/engine/config/presets';
import sniperFile from '../../../../resources/presets/sniper.json';
import type { MutableParams } from '../support/factories';

const balanced = (): MutableParams =>
  JSON.parse(JSON.stringify(loadBuiltInPreset('Balanced').params)) as MutableParams;

function problemsOf(edit: (params: MutableParams) => void): string[] {
  const params = balanced();
  edit(params);
  try {
    validateParams(params);
    return [];
  } catch (error) {
    return (error as PresetError).problems as string[];
  }
}

describe('content hash', () => {
  it('is SHA-256 (FIPS 180-4 test vectors)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,2]},"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
  });
});

describe('built-in presets', () => {
  it.each(BUILT_IN_PRESET_NAMES)('%s loads, validates and matches its stored hash', (name) => {
    const preset = loadBuiltInPreset(name);
    expect(preset.name).toBe(name);
    expect(preset.version).toBeGreaterThanOrEqual(1);
    expect(preset.hash).toBe(contentHash(preset.params));
  });

  it('differ from each other in documented ways', () => {
    const sniper = loadBuiltInPreset('Sniper').params;
    const scalper = loadBuiltInPreset('Scalper').params;
    const adaptive = loadBuiltInPreset('Auto-Adaptive').params;
    expect(sniper.gates.minScore.minScore).toBeGreaterThan(scalper.gates.minScore.minScore);
    expect(sniper.gates.tradesPerDay.max).toBeLessThan(scalper.gates.tradesPerDay.max);
    expect(scalper.exits.hardStop.stopLossPercent).toBeLessThan(sniper.exits.hardStop.stopLossPercent);
    expect(adaptive.router.adaptive).toBe(true);
    expect(loadBuiltInPreset('Balanced').params.router.adaptive).toBe(false);
  });

  it('rejects a preset file whose params changed without a new hash', () => {
    const edited = JSON.parse(JSON.stringify(sniperFile));
    edited.params.gates.tradesPerDay.max = 9;
    expect(() => parsePreset(edited, 'sniper.json')).toThrow(/does not match its params/);
  });
});

describe('preset validation: ranges', () => {
  it('rejects an out-of-range value with its path', () => {
    expect(problemsOf((p) => (p.selection.targetDelta = 1.5))).toEqual([
      expect.stringContaining('selection.targetDelta'),
    ]);
  });

  it('rejects an unknown key (typo)', () => {
    expect(
      problemsOf((p) => ((p.gates.cooldown as unknown as Record<string, number>).afterExitMS = 1)).join(),
    ).toMatch(/cooldown/);
  });
});

describe('preset validation: cross-field rules', () => {
  const cases: [string, (p: MutableParams) => void, string][] = [
    [
      'trailing triggers must increase',
      (p) => (p.exits.trailingStop.lockTriggerPercent = 5),
      'exits.trailingStop.lockTriggerPercent',
    ],
    [
      'tight distance below trail distance',
      (p) => (p.exits.trailingStop.tightDistancePercent = p.exits.trailingStop.trailDistancePercent + 1),
      'exits.trailingStop.tightDistancePercent',
    ],
    [
      'lock below its trigger',
      (p) => (p.exits.trailingStop.lockPercent = p.exits.trailingStop.lockTriggerPercent),
      'exits.trailingStop.lockPercent',
    ],
    [
      'take-profit above the breakeven trigger',
      (p) => (p.exits.takeProfit.takeProfitPercent = 5),
      'exits.takeProfit.takeProfitPercent',
    ],
    ['regime hysteresis (trend)', (p) => (p.regime.trendExitEfficiency = 0.5), 'regime.trendExitEfficiency'],
    [
      'regime hysteresis (volatile)',
      (p) => (p.regime.volatileExitAtrPercentile = 90),
      'regime.volatileExitAtrPercentile',
    ],
    [
      'order-flow band',
      (p) => (p.signals.orderFlowImbalance.maxPressure = 0.6),
      'signals.orderFlowImbalance.minPressure',
    ],
    ['sizing max lots within the position limit', (p) => (p.sizing.maxLots = 10), 'sizing.maxLots'],
    [
      'loss cooldown at least the exit cooldown',
      (p) => (p.gates.cooldown.afterLossMs = 1000),
      'gates.cooldown.afterLossMs',
    ],
    [
      'trades per minute within trades per day',
      (p) => (p.gates.tradesPerMinute.max = 50),
      'gates.tradesPerMinute.max',
    ],
    [
      'square-off inside the no-entry window',
      (p) => (p.exits.sessionSquareOff.minutesBeforeClose = 30),
      'exits.sessionSquareOff.minutesBeforeClose',
    ],
    [
      'per-trade loss within the daily limit',
      (p) => (p.exits.perTradeLoss.maxLoss = 9000),
      'exits.perTradeLoss.maxLoss',
    ],
    [
      'signal priority lists each signal once',
      (p) => (p.signals.priority = ['breakout', 'breakout', 'momentumBurst', 'vwapRejection']),
      'signals.priority',
    ],
    ['EMA fast below slow', (p) => (p.indicators.emaFastPeriod = 30), 'indicators.emaFastPeriod'],
    [
      'router reaches an enabled pack',
      (p) => {
        p.packs.momentum.enabled = false;
        p.packs.meanReversion.enabled = false;
        p.packs.orderFlow.enabled = false;
      },
      'router',
    ],
  ];
  it.each(cases)('%s', (_name, edit, path) => {
    expect(problemsOf(edit).some((problem) => problem.startsWith(`${path}:`))).toBe(true);
  });
});

describe('preset versioning', () => {
  it('a changed preset gets the next version and a new content hash', () => {
    const base = loadBuiltInPreset('Balanced');
    const params = balanced();
    params.gates.minScore.minScore = 65;
    const revised = revisePreset(base, params);
    expect(revised.version).toBe(base.version + 1);
    expect(revised.hash).not.toBe(base.hash);
    expect(revised.hash).toBe(contentHash(revised.params));
  });

  it('saving unchanged content keeps the version', () => {
    const base = loadBuiltInPreset('Balanced');
    expect(revisePreset(base, balanced())).toBe(base);
  });

  it('an invalid change is refused, naming the problems', () => {
    const params = balanced();
    params.exits.trailingStop.tightTriggerPercent = 1;
    expect(() => revisePreset(loadBuiltInPreset('Balanced'), params)).toThrow(PresetError);
  });
});
