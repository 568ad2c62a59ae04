import { describe, expect, it } from 'vitest';
import type { Symbol } from '../../../../src/shared/domain/ids';
import type { Price } from '../../../../src/shared/domain/price';
import type { TimestampUs } from '../../../../src/shared/domain/time';
import { buildIndicatorSnapshot } from '../../../../src/main/trading/engine/decisions/indicatorSnapshot';
import {
  BOOK_AND_VOLUME_FIELDS,
  missingIndicators,
  warmUpGate,
} from '../../../../src/main/trading/engine/gates/warmUp';
import { UnderlyingState } from '../../../../src/main/trading/engine/market/underlyingState';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { makeOptionsContext, T0 } from '../support/factories';

const BOOK_AND_VOLUME = [...BOOK_AND_VOLUME_FIELDS];

describe('warmUp gate', () => {
  it('blocks a cold engine and names every indicator not yet defined', () => {
    // One minute of tape: no 1-minute EMA/ATR/RSI yet and no options context.
    const context = makeGateContext();
    const verdict = warmUpGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.detail).toContain('bars1m.emaSlow');
    expect(verdict.detail).toContain('optionsContext');
  });

  it('blocks while the regime is unknown', () => {
    const verdict = warmUpGate.evaluate(makeCandidate({ regime: 'unknown' }), makeGateContext());
    expect(verdict.detail).toContain('regime');
  });

  it('asks for an options context only until one is loaded, and only when required', () => {
    const context = makeGateContext();
    context.optionsContext = makeOptionsContext(T0);
    expect(warmUpGate.evaluate(makeCandidate(), context).detail).not.toContain('optionsContext');
    const optional = makeGateContext({ edit: (p) => (p.gates.warmUp.requireOptionsContext = false) });
    expect(warmUpGate.evaluate(makeCandidate(), optional).detail).not.toContain('optionsContext');
  });

  it('lists study fields, not events: a missing sweep or swing level is not cold', () => {
    const context = makeGateContext();
    const missing = missingIndicators(context.snapshot, true);
    expect(missing.some((name) => name.startsWith('sweep') || name.startsWith('spike'))).toBe(false);
    expect(missing).not.toContain('support');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.warmUp.enabled = false) });
    expect(warmUpGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });

  it('waives the book and volume studies of an underlying streamed as index values only (OpenAlgo NSE_INDEX LTP)', () => {
    const context = makeGateContext();
    const index = new UnderlyingState(context.params, 5);
    for (let i = 600; i >= 0; i--)
      index.onIndexValue((T0 - i * 100_000) as TimestampUs, (2_400_000 + (i % 2) * 5) as Price);
    expect(index.valuesOnly).toBe(true);
    context.underlying = index;
    context.index = index;
    context.snapshot = buildIndicatorSnapshot(T0, context.params, index, index, context.contract);
    const detail = warmUpGate.evaluate(makeCandidate(), context).detail ?? '';
    for (const name of BOOK_AND_VOLUME) expect(detail).not.toContain(name);
    // Still cold on price studies: one minute of values gives no 1-minute EMA.
    expect(detail).toContain('bars1m.emaSlow');
    // The same snapshot judged as a stream that does carry a book lists them.
    const strict = missingIndicators(context.snapshot, true);
    expect(strict).toEqual(expect.arrayContaining(BOOK_AND_VOLUME));
  });

  it('does not waive them once the stream has carried a quote or a print', () => {
    const context = makeGateContext();
    expect(context.underlying.valuesOnly).toBe(false);
    const index = new UnderlyingState(context.params, 5);
    expect(index.valuesOnly).toBe(false);
    index.onIndexValue(T0 as TimestampUs, 2_400_000 as Price);
    expect(index.valuesOnly).toBe(true);
    index.onQuote({
      type: 'quote',
      symbol: 'NIFTY' as Symbol,
      tsEvent: (T0 + 1) as TimestampUs,
      bidPrice: 2_399_995 as Price,
      bidSize: 100,
      askPrice: 2_400_005 as Price,
      askSize: 100,
    });
    expect(index.valuesOnly).toBe(false);
  });
});
