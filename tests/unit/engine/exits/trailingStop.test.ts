import { describe, expect, it } from 'vitest';
import {
  stageFor,
  trailingStopExit,
  updateTrailingStop,
} from '../../../../src/main/trading/engine/exits/trailingStop';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { makeParams } from '../support/factories';
import type { MutableParams } from '../support/factories';

// Triggers 8/12/16/22/26 %, breakeven +1 %, lock +5 %, trail 8 %, tight 5 %, accelerate ×0.8 per 2 %, min 2 %.
const setTrail = (p: MutableParams): void => {
  Object.assign(p.exits.trailingStop, {
    enabled: true,
    breakevenTriggerPercent: 8,
    breakevenOffsetPercent: 1,
    lockTriggerPercent: 12,
    lockPercent: 5,
    trailTriggerPercent: 16,
    trailDistancePercent: 8,
    tightTriggerPercent: 22,
    tightDistancePercent: 5,
    accelerateTriggerPercent: 26,
    accelerateStepPercent: 2,
    accelerateFactor: 0.8,
    minDistancePercent: 2,
  });
  p.exits.takeProfit.takeProfitPercent = 100;
};
const trail = makeParams(setTrail).exits.trailingStop;

/** A position at 100.00 whose peak mark reached `peak`. */
function at(peak: number, stage = 0) {
  const position = makePosition({ entry: 10_000 });
  position.peakPrice = peak;
  position.trailingStage = stage;
  return position;
}

describe('5-stage trailing stop', () => {
  it('stays at stage 0 below the breakeven trigger', () => {
    const position = at(10_790);
    expect(updateTrailingStop(position, trail, 1)).toBe(false);
    expect(position.trailingStage).toBe(0);
    expect(position.trailingStopPrice).toBeNaN();
  });

  it('stage 0 → 1 (breakeven): peak +8 % moves the stop to entry + 1 %', () => {
    const position = at(10_800);
    expect(updateTrailingStop(position, trail, 1)).toBe(true);
    expect(position.trailingStage).toBe(1);
    expect(position.trailingStopPrice).toBeCloseTo(10_100, 6);
  });

  it('stage 1 → 2 (lock): peak +12 % locks entry + 5 %', () => {
    const position = at(11_200, 1);
    position.trailingStopPrice = 10_100;
    expect(updateTrailingStop(position, trail, 1)).toBe(true);
    expect(position.trailingStage).toBe(2);
    expect(position.trailingStopPrice).toBeCloseTo(10_500, 6);
  });

  it('stage 2 → 3 (trail): peak +16 % trails the peak by 8 % of entry', () => {
    const position = at(11_600, 2);
    position.trailingStopPrice = 10_500;
    expect(updateTrailingStop(position, trail, 1)).toBe(true);
    expect(position.trailingStage).toBe(3);
    expect(position.trailingStopPrice).toBeCloseTo(10_800, 6);
    position.peakPrice = 11_900;
    updateTrailingStop(position, trail, 1);
    expect(position.trailingStopPrice).toBeCloseTo(11_100, 6);
  });

  it('stage 3 → 4 (tight): peak +22 % trails by the tighter 5 %', () => {
    const position = at(12_200, 3);
    position.trailingStopPrice = 11_100;
    expect(updateTrailingStop(position, trail, 1)).toBe(true);
    expect(position.trailingStage).toBe(4);
    expect(position.trailingStopPrice).toBeCloseTo(11_700, 6);
  });

  it('stage 4 → 5 (accelerate): past +26 % each further 2 % shrinks the distance by ×0.8, down to 2 %', () => {
    const position = at(12_600, 4);
    position.trailingStopPrice = 11_700;
    expect(updateTrailingStop(position, trail, 1)).toBe(true);
    expect(position.trailingStage).toBe(5);
    expect(position.trailingStopPrice).toBeCloseTo(12_600 - 400, 6); // 5 % × 0.8 = 4 %
    position.peakPrice = 13_000; // +30 %: three steps → 5 × 0.8³ = 2.56 %
    updateTrailingStop(position, trail, 1);
    expect(position.trailingStopPrice).toBeCloseTo(13_000 - 256, 6);
    position.peakPrice = 15_000; // far out: floored at 2 %
    updateTrailingStop(position, trail, 1);
    expect(position.trailingStopPrice).toBeCloseTo(15_000 - 200, 6);
  });

  it('jumps straight to the stage the excursion reached', () => {
    expect(stageFor(23, trail)).toBe(4);
    const position = at(12_300);
    updateTrailingStop(position, trail, 1);
    expect(position.trailingStage).toBe(4);
  });

  it('only ratchets: stage and stop never go back when the peak is unchanged and the factor widens', () => {
    const position = at(11_600);
    updateTrailingStop(position, trail, 1);
    const stop = position.trailingStopPrice;
    updateTrailingStop(position, trail, 1.5);
    expect(position.trailingStopPrice).toBe(stop);
    expect(position.trailingStage).toBe(3);
  });

  it('applies the greeks/IV factor to the trail distance', () => {
    const position = at(11_600);
    updateTrailingStop(position, trail, 0.5);
    expect(position.trailingStopPrice).toBeCloseTo(11_600 - 400, 6);
  });

  it('fires when the mark falls to the trailing stop', () => {
    const position = makePosition({ entry: 10_000 });
    position.peakPrice = 11_600;
    const context = makeExitContext({
      mark: 10_800,
      edit: (p) => {
        setTrail(p);
        p.exits.greeksTrail.enabled = false;
      },
    });
    const out = probe();
    expect(trailingStopExit.check(position, context, out)).toBe(true);
    expect(out.threshold).toBeCloseTo(10_800, 6);
    context.mark = 10_805;
    expect(trailingStopExit.check(position, context, probe())).toBe(false);
  });

  it('does nothing when switched off', () => {
    const position = makePosition({ entry: 10_000 });
    position.peakPrice = 12_000;
    const context = makeExitContext({
      mark: 10_000,
      edit: (p) => {
        setTrail(p);
        p.exits.trailingStop.enabled = false;
      },
    });
    expect(trailingStopExit.check(position, context, probe())).toBe(false);
    expect(position.trailingStage).toBe(0);
  });
});
