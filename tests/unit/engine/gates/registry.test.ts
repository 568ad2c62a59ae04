import { describe, expect, it } from 'vitest';
import { ENTRY_GATES, evaluateGates } from '../../../../src/main/trading/engine/gates';
import { makeCandidate, makeGateContext } from '../support/contexts';

/** Every configurable gate in the preset must be evaluated for every candidate (none silently dropped). */
describe('entry gate registry', () => {
  it('evaluates one gate per gate in the preset schema, in a fixed order', () => {
    // Optional gates (absent from the shipped presets) are stated here so every schema key is listed.
    const context = makeGateContext({
      edit: (p) => {
        p.gates.sweepAgainst = { enabled: false, withinSeconds: 5 };
      },
    });
    const names = ENTRY_GATES.map((gate) => gate.name).sort();
    expect(names).toEqual(Object.keys(context.params.gates).sort());
    const verdicts = evaluateGates(makeCandidate(), context);
    expect(verdicts.map((verdict) => verdict.name)).toEqual(ENTRY_GATES.map((gate) => gate.name));
  });

  it('lets a realistic candidate through when every gate passes', () => {
    // A minute of flat tape is not warm (no 1-minute studies): warm-up has its own test (warmUp.test.ts).
    const context = makeGateContext({
      edit: (p) => {
        p.gates.noTradeZone.enabled = false;
        p.gates.warmUp.enabled = false;
      },
    });
    const blocked = evaluateGates(makeCandidate(), context).filter((verdict) => verdict.verdict === 'block');
    expect(blocked).toEqual([]);
  });
});
