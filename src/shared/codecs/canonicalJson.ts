/**
 * Canonical JSON: object keys sorted at every level, no whitespace. Equal values always give the same
 * text whatever their key order, so a hash over it is stable across runs and Node versions (the
 * ledger's audit chain and the engine's preset content hash both depend on that).
 *
 * It accepts exactly what `JSON.stringify` accepts and encodes it the same way apart from key order:
 * - an `undefined` object member (or a function) is dropped; `undefined` in an array becomes `null`
 *   (a dropped element would shift its neighbours' positions);
 * - NaN and ±Infinity become `null`. JSON cannot carry them, and a journal record (an indicator not yet
 *   warmed up) must still be written rather than lost; the preset hash never meets them because its
 *   params are schema-checked finite numbers;
 * - an object with `toJSON` (a Date) is encoded as what `toJSON` returns.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, true) ?? 'null';
}

/** The encoded text, or undefined for a value an object drops (undefined, a function, a symbol). */
function encode(value: unknown, inArray: boolean): string | undefined {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    value = (value as { toJSON(): unknown }).toJSON();
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol')
    return inArray ? 'null' : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'bigint') throw new TypeError('canonicalJson: a BigInt has no JSON form');
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item: unknown) => encode(item, true)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = encode(record[key], false);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}
