/**
 * Little-endian byte writer/reader with LEB128 varints. Varints keep the common case small (a
 * timestamp delta of a few milliseconds is 2–3 bytes, a size is 1–2 bytes) while still carrying any
 * safe integer up to 2^53. Arithmetic instead of bit operations above 2^31, because JavaScript bit
 * operators truncate to 32 bits.
 */
const TWO_POW_32 = 0x1_0000_0000;

export class ByteWriter {
  private buffer: Uint8Array;
  private view: DataView;
  length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buffer.buffer);
  }

  reset(): void {
    this.length = 0;
  }

  /** The written bytes (a view, valid until the next write). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  u8(value: number): void {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }

  u16(value: number): void {
    this.ensure(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
  }

  u32(value: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, value >>> 0, true);
    this.length += 4;
  }

  /** Writes a u32 at an earlier position (patching a length or checksum). */
  u32At(position: number, value: number): void {
    this.view.setUint32(position, value >>> 0, true);
  }

  /** Unsigned safe integer as two u32 halves. */
  u64(value: number): void {
    this.u32(value % TWO_POW_32);
    this.u32(Math.floor(value / TWO_POW_32));
  }

  f64(value: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  /** Unsigned LEB128 of a non-negative safe integer. */
  uvarint(value: number): void {
    this.ensure(8);
    let v = value;
    while (v >= 0x80) {
      this.buffer[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buffer[this.length++] = v;
  }

  /** Zigzag-encoded signed safe integer: small magnitudes of either sign stay small. */
  svarint(value: number): void {
    this.uvarint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Length-prefixed UTF-8. */
  string(value: string): void {
    const encoded = textEncoder.encode(value);
    this.uvarint(encoded.length);
    this.raw(encoded);
  }
}

export class ByteReaderError extends Error {
  override name = 'ByteReaderError';
}

export class ByteReader {
  position: number;
  end: number;
  private bytes: Uint8Array;
  private view: DataView;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.position = start;
    this.end = end;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Points the reader at another range; reuses the DataView when the buffer is the same (hot path). */
  reset(bytes: Uint8Array, start: number, end: number): void {
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    this.position = start;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.position;
  }

  private need(count: number): void {
    if (this.position + count > this.end)
      throw new ByteReaderError(`payload ends early (needed ${count} more bytes)`);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.position++];
  }

  u16(): number {
    this.need(2);
    const value = this.view.getUint16(this.position, true);
    this.position += 2;
    return value;
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.position, true);
    this.position += 4;
    return value;
  }

  u64(): number {
    const low = this.u32();
    const high = this.u32();
    return high * TWO_POW_32 + low;
  }

  f64(): number {
    this.need(8);
    const value = this.view.getFloat64(this.position, true);
    this.position += 8;
    return value;
  }

  uvarint(): number {
    const bytes = this.bytes;
    const end = this.end;
    let position = this.position;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      if (position >= end) throw new ByteReaderError('varint runs past the end of the payload');
      const byte = bytes[position++];
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        this.position = position;
        return result;
      }
      scale *= 0x80;
    }
    throw new ByteReaderError('varint longer than 8 bytes');
  }

  svarint(): number {
    const zigzag = this.uvarint();
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  }

  raw(count: number): Uint8Array {
    this.need(count);
    const slice = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return slice;
  }

  string(): string {
    const length = this.uvarint();
    return textDecoder.decode(this.raw(length));
  }
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true });
