import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/shared/codecs/canonicalJson';
import { contentHash } from '../../../src/main/trading/engine';

describe('canonicalJson', () => {
  it('sorts object keys at every level and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 2, y: 3 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":3,"z":2}]},"b":1}',
    );
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: [2, 3] })).toBe(canonicalJson({ y: [2, 3], x: 1 }));
  });

  it('drops undefined object members but keeps a null one', () => {
    expect(canonicalJson({ a: undefined, b: null, c: 1 })).toBe('{"b":null,"c":1}');
  });

  it('writes undefined in an array as null, so the other elements keep their positions', () => {
    expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
    expect(JSON.parse(canonicalJson({ lots: [[undefined, 2]] }))).toEqual({ lots: [[null, 2]] });
  });

  it('writes NaN and infinities as null, as JSON.stringify does, in objects and arrays', () => {
    expect(canonicalJson({ vwap: Number.NaN, high: Number.POSITIVE_INFINITY })).toBe(
      '{"high":null,"vwap":null}',
    );
    expect(canonicalJson([Number.NaN, Number.NEGATIVE_INFINITY, 0])).toBe('[null,null,0]');
    expect(canonicalJson(Number.NaN)).toBe('null');
  });

  it('always produces valid JSON equal to JSON.stringify of the same value, apart from key order', () => {
    const value = {
      b: [1, undefined, Number.NaN, 'q"uote'],
      a: { when: new Date(0), skip: undefined },
      c: -0,
    };
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('encodes a Date through its toJSON, not as an empty object', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2)) })).toBe('{"at":"2026-01-02T00:00:00.000Z"}');
  });

  it('refuses a BigInt, which JSON cannot carry', () => {
    expect(() => canonicalJson({ notional: 1n })).toThrow(/BigInt/);
  });

  it('is the encoder behind the preset content hash', () => {
    expect(contentHash({ b: 1, a: 2 })).toBe(contentHash({ a: 2, b: 1 }));
    expect(contentHash([undefined])).toBe(contentHash([null]));
  });
});
