import { describe, expect, it } from 'vitest';
import { peakToTroughGate } from '../../../../src/main/trading/engine/gates/peakToTrough';
import { makeCandidate, makeGateContext } from '../support/contexts';

const edit = (p: {
  gates: { peakToTrough: { minPeakProfit: number; maxGivebackPercent: number } };
}): void => {
  p.gates.peakToTrough.minPeakProfit = 2000;
  p.gates.peakToTrough.maxGivebackPercent = 50;
};

describe('peakToTrough gate', () => {
  it('locks the day after giving back more than maxGivebackPercent of the peak', () => {
    const context = makeGateContext({ edit });
    context.risk.updateDayPnl(400_000); // peak 4000.00
    context.risk.updateDayPnl(190_000); // 1900.00: gave back 52.5 %
    expect(peakToTroughGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      value: 1900,
      threshold: 2000,
    });
  });

  it('passes a smaller giveback', () => {
    const context = makeGateContext({ edit });
    context.risk.updateDayPnl(400_000);
    context.risk.updateDayPnl(250_000);
    expect(peakToTroughGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('does not arm below minPeakProfit', () => {
    const context = makeGateContext({ edit });
    context.risk.updateDayPnl(150_000);
    context.risk.updateDayPnl(10_000);
    expect(peakToTroughGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({
      edit: (p) => {
        edit(p);
        p.gates.peakToTrough.enabled = false;
      },
    });
    context.risk.updateDayPnl(400_000);
    context.risk.updateDayPnl(0);
    expect(peakToTroughGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
