import { describe, expect, it } from 'vitest';
import { hotZoneAt, hotZoneGate } from '../../../../src/main/trading/engine/gates/hotZone';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { makeOptionsContext, T0 } from '../support/factories';

const editScores = (p: {
  gates: {
    minScore: { minScore: number };
    hotZone: { scoreBump: number; gammaProximityPoints: number; proximityTicks: number };
  };
}): void => {
  p.gates.minScore.minScore = 60;
  p.gates.hotZone.scoreBump = 15;
  p.gates.hotZone.gammaProximityPoints = 10;
  // The test tape alternates by one tick, so its VWAP bands sit on the price; only exact touches count here.
  p.gates.hotZone.proximityTicks = 0;
};

describe('hotZone gate', () => {
  it('raises the score threshold near a top gamma strike and blocks a candidate below it', () => {
    const context = makeGateContext({ edit: editScores });
    context.optionsContext = makeOptionsContext(T0, { topGammaStrikes: [24005] });
    expect(hotZoneAt(context)).toBe('gammaStrike 24005');
    const verdict = hotZoneGate.evaluate(makeCandidate({ score: 70 }), context);
    expect(verdict).toMatchObject({ verdict: 'block', value: 70, threshold: 75 });
  });

  it('passes a candidate strong enough for the raised threshold', () => {
    const context = makeGateContext({ edit: editScores });
    context.optionsContext = makeOptionsContext(T0, { topGammaStrikes: [24005] });
    expect(hotZoneGate.evaluate(makeCandidate({ score: 75 }), context).verdict).toBe('pass');
  });

  it('keeps the plain threshold outside a hot zone', () => {
    const context = makeGateContext({ edit: editScores });
    context.optionsContext = makeOptionsContext(T0, { topGammaStrikes: [24500] });
    expect(hotZoneGate.evaluate(makeCandidate({ score: 70 }), context)).toMatchObject({
      verdict: 'pass',
      threshold: 60,
    });
  });

  it('treats the VWAP ±2σ band as a hot zone', () => {
    const context = makeGateContext({
      edit: (p) => {
        editScores(p);
        p.gates.hotZone.proximityTicks = 2;
      },
    });
    expect(hotZoneAt(context)).toBe('vwapBand2');
    expect(hotZoneGate.evaluate(makeCandidate({ score: 70 }), context).verdict).toBe('block');
  });

  it('does not raise the threshold when hot zones are not respected (toggle off)', () => {
    const context = makeGateContext({
      edit: (p) => {
        editScores(p);
        p.gates.hotZone.enabled = false;
      },
    });
    context.optionsContext = makeOptionsContext(T0, { topGammaStrikes: [24005] });
    expect(hotZoneGate.evaluate(makeCandidate({ score: 70 }), context).verdict).toBe('disabled');
  });
});
