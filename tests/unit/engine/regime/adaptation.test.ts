import { describe, expect, it } from 'vitest';
import { loadBuiltInPreset } from '../../../../src/main/trading/engine/config/presets';
import type { RegimeName } from '../../../../src/main/trading/engine/config/schema';
import type { AdaptationChange } from '../../../../src/main/trading/engine/regime/adaptation';
import { Adaptation } from '../../../../src/main/trading/engine/regime/adaptation';
import type { AlertCommand, DecisionRecord, EngineCommand } from '../../../../src/main/trading/engine/types';
import { EngineHarness, makeParams, makePreset, MINUTE, T0 } from '../support/factories';
import { scenarioParams, sendBurst, sendQuiet } from '../support/scenarios';

const OFFSETS = [0, 5, 10, -5];
const params = makeParams((p) => {
  p.gates.minScore.minScore = 60;
  p.adaptation = { enabled: true, minScoreOffsets: OFFSETS, rewardScale: 500, exploration: 1 };
});

/** A fixed pseudo-random sequence of closed trades (regime, net P&L in paise): no Math.random. */
function outcomes(count: number): { regime: RegimeName; pnl: number }[] {
  const regimes: RegimeName[] = ['trend', 'range', 'volatile'];
  let state = 12345;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return Array.from({ length: count }, () => ({
    regime: regimes[Math.floor(next() * 3)],
    pnl: Math.round((next() - 0.45) * 200_000),
  }));
}

function drive(adaptation: Adaptation, count: number): AdaptationChange[] {
  const changes: AdaptationChange[] = [];
  for (const { regime, pnl } of outcomes(count)) {
    const change = adaptation.onTradeClosed(regime, adaptation.armOf(regime), pnl);
    if (change !== null) changes.push(change);
  }
  return changes;
}

describe('bounded auto-adaptation', () => {
  it('keeps the score bar within the declared bounds over 2,000 trades, and changes only with a reason', () => {
    const adaptation = new Adaptation(params);
    const changes = drive(adaptation, 2000);
    expect(changes.length).toBeGreaterThan(3);
    for (const change of changes) {
      expect(change.bounds).toEqual([55, 70]);
      for (const value of [change.from, change.to]) {
        expect(value).toBeGreaterThanOrEqual(55);
        expect(value).toBeLessThanOrEqual(70);
      }
      expect(change.to).toBe(60 + OFFSETS[change.toArm]);
      expect(change.reason).toMatch(/^(trend|range|volatile): arm \d/);
    }
    for (const regime of ['trend', 'range', 'volatile', 'unknown'] as const)
      expect(OFFSETS).toContain(adaptation.minScoreOffset(regime));
  });

  it('tries each arm once in declared order before it weighs them', () => {
    const adaptation = new Adaptation(params);
    const seen = [adaptation.armOf('trend')];
    for (let i = 0; i < 3; i++) {
      adaptation.onTradeClosed('trend', adaptation.armOf('trend'), 1000);
      seen.push(adaptation.armOf('trend'));
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    // Another regime is untouched.
    expect(adaptation.armOf('range')).toBe(0);
  });

  it('is deterministic: the same closed trades give the same changes', () => {
    expect(drive(new Adaptation(params), 500)).toEqual(drive(new Adaptation(params), 500));
  });

  it('is on by default for the adaptive router (Auto-Adaptive) and off for the others', () => {
    expect(Adaptation.enabledFor(loadBuiltInPreset('Auto-Adaptive').params)).toBe(true);
    expect(Adaptation.enabledFor(loadBuiltInPreset('Balanced').params)).toBe(false);
    expect(Adaptation.enabledFor(loadBuiltInPreset('Sniper').params)).toBe(false);
  });
});

/** Bursts both ways with quiet tape between, each trade closed by the time exit. */
function adaptiveSession(): { alerts: AlertCommand[]; entries: DecisionRecord[]; commands: EngineCommand[] } {
  const harness = new EngineHarness({
    startUs: T0 - 20 * MINUTE,
    preset: makePreset((p) => {
      scenarioParams(p);
      p.gates.minScore.enabled = true;
      p.gates.minScore.minScore = 20;
      p.exits.timeExit.maxHoldSeconds = 20;
      p.adaptation = { enabled: true, minScoreOffsets: OFFSETS, rewardScale: 50, exploration: 1 };
    }),
  });
  harness.autoFill = true;
  let startUs = T0 - 15 * MINUTE;
  for (let i = 0; i < 5; i++) {
    const burst = sendBurst(harness, {
      startUs,
      warmSeconds: i === 0 ? 300 : 60,
      direction: i % 2 === 0 ? 1 : -1,
      seed: 10 + i,
    });
    const quiet = sendQuiet(harness, burst.endUs, burst.endPrice, 60, 20 + i);
    startUs = quiet.endUs;
  }
  const commands = JSON.parse(JSON.stringify(harness.commands)) as EngineCommand[];
  return {
    commands,
    alerts: commands.filter((c): c is AlertCommand => c.type === 'alert' && c.code === 'adaptation'),
    entries: harness.decisions('entry'),
  };
}

describe('auto-adaptation in the engine', () => {
  it('journals every change as an adaptation alert, moves the score bar within bounds, and replays bit for bit', () => {
    const first = adaptiveSession();
    expect(first.alerts.length).toBeGreaterThan(0);
    for (const alert of first.alerts) {
      expect(alert.level).toBe('info');
      expect(alert.adaptation?.parameter).toBe('gates.minScore.minScore');
      expect(alert.message).toContain(alert.adaptation?.reason ?? 'missing');
      expect(alert.adaptation?.bounds).toEqual([15, 30]);
    }
    const bars = new Set(
      first.entries.map((entry) => entry.gates.find((gate) => gate.name === 'minScore')?.threshold),
    );
    expect(bars.size).toBeGreaterThan(1);
    for (const bar of bars) expect([15, 20, 25, 30]).toContain(bar);
    // A replay of the same events: identical commands, adaptation changes included.
    expect(adaptiveSession().commands).toEqual(first.commands);
  });
});
