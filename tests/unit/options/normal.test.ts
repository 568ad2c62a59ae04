import { describe, expect, it } from 'vitest';
import { erfc, normCdf, normPdf } from '../../../src/shared/options/normal';

/** A reference value with all the digits its source printed (parsed, so no literal loses precision). */
const ref = (digits: string): number => Number(digits);

// Reference values: mpmath 1.3 at 40 significant digits (mpmath.erfc, mpmath.ncdf), rounded to 20.
const ERFC_REFERENCE: [number, number][] = [
  [0.1, ref('0.8875370839817151078')],
  [0.46875, ref('0.50738652678206200841')], // Cody's first/second interval boundary
  [0.5, ref('0.47950012218695346232')],
  [1, ref('0.15729920705028513066')],
  [2, ref('0.0046777349810472658379')],
  [3.9, ref('3.4792248597231742278e-8')],
  [4, ref('1.5417257900280018852e-8')], // second/third interval boundary
  [5, ref('1.5374597944280348502e-12')],
  [10, ref('2.088487583762544757e-45')],
  [26, ref('5.6631924088561428465e-296')],
];

const NORMAL_CDF_REFERENCE: [number, number][] = [
  [-37, ref('5.7255712225245768227e-300')],
  [-30, ref('4.9067139271481870595e-198')],
  [-20, ref('2.7536241186062336951e-89')],
  [-10, ref('7.619853024160526066e-24')],
  [-5, ref('2.8665157187919391167e-7')],
  [-1.96, ref('0.024997895148220434137')],
  [0, 0.5],
  [1, ref('0.84134474606854294859')],
  [3, ref('0.99865010196836990547')],
];

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('erfc (Cody 1969)', () => {
  it.each(ERFC_REFERENCE)('erfc(%d) matches mpmath to 1e-15 relative', (x, expected) => {
    expect(relativeError(erfc(x), expected)).toBeLessThan(1e-15);
  });

  it.each(ERFC_REFERENCE)('erfc(-%d) = 2 - erfc(%d)', (x, expected) => {
    expect(relativeError(erfc(-x), 2 - expected)).toBeLessThan(1e-15);
  });

  it('underflows to exactly 0 beyond 26.543 and is 1 at 0', () => {
    expect(erfc(27)).toBe(0);
    expect(erfc(0)).toBe(1);
  });
});

describe('normal distribution', () => {
  it.each(NORMAL_CDF_REFERENCE)(
    'normCdf(%d) matches mpmath to 1e-14 relative, tails included',
    (x, expected) => {
      expect(relativeError(normCdf(x), expected)).toBeLessThan(1e-14);
    },
  );

  it('is symmetric: Φ(x) + Φ(-x) = 1', () => {
    for (const x of [0.01, 0.3, 0.7, 1.5, 2.5, 6]) expect(normCdf(x) + normCdf(-x)).toBeCloseTo(1, 15);
  });

  it('normPdf(0) is 1/√(2π) and normPdf(1) is e^{-1/2}/√(2π)', () => {
    expect(normPdf(0)).toBeCloseTo(0.3989422804014327, 16);
    expect(normPdf(1)).toBeCloseTo(0.24197072451914337, 16);
  });
});
