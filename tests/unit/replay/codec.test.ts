import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../../../src/shared/recording/bytes';
import { checkpointForTime, type TimeCheckpoint } from '../../../src/shared/recording/codec';
import { crc32 } from '../../../src/shared/recording/crc32';
import { createFrameView, scanFrame, appendFrame } from '../../../src/shared/recording/frames';
import { checkHeader, encodeHeader } from '../../../src/shared/recording/header';

describe('crc32', () => {
  it('matches the standard check value for "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('varints', () => {
  it('round-trips unsigned values up to 2^53 - 1', () => {
    const values = [0, 1, 127, 128, 16383, 16384, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER];
    const out = new ByteWriter(4);
    for (const value of values) out.uvarint(value);
    const input = new ByteReader(out.bytes());
    expect(values.map(() => input.uvarint())).toEqual(values);
  });

  it('round-trips signed values with small magnitudes in one byte', () => {
    const values = [0, -1, 1, -64, 63, -1_700_000_000_000_000, 1_700_000_000_000_000];
    const out = new ByteWriter();
    for (const value of values) out.svarint(value);
    const input = new ByteReader(out.bytes());
    expect(values.map(() => input.svarint())).toEqual(values);
    const small = new ByteWriter();
    small.svarint(-64);
    expect(small.length).toBe(1);
  });
});

describe('header', () => {
  it('accepts its own header and refuses foreign bytes', () => {
    expect(checkHeader(encodeHeader())).toEqual({ header: { version: 1, headerLength: 20, flags: 0 } });
    expect(checkHeader(new TextEncoder().encode('timestamp,symbol,price,size\n'))).toEqual({
      problem: 'not a Scalpdesk recording (bad magic bytes)',
    });
  });

  it('names an unsupported version', () => {
    const bytes = encodeHeader();
    bytes[8] = 9;
    // Recompute the header CRC so the version, not the checksum, is what fails.
    new DataView(bytes.buffer).setUint32(16, crc32(bytes, 0, 16), true);
    expect(checkHeader(bytes)).toEqual({
      problem: 'recording format version 9 is not supported (this build reads version 1)',
    });
  });
});

describe('frames', () => {
  function oneFrame(): Uint8Array {
    const out = new ByteWriter();
    appendFrame(out, 0x10, new Uint8Array([1, 2, 3]));
    return out.bytes().slice();
  }

  it('scans a whole frame', () => {
    const view = createFrameView();
    expect(scanFrame(oneFrame(), 0, 9, view)).toBe('ok');
    expect(view).toMatchObject({ type: 0x10, payloadStart: 2, payloadEnd: 5, frameEnd: 9 });
  });

  it('reports a frame cut short as incomplete', () => {
    expect(scanFrame(oneFrame(), 0, 8, createFrameView())).toBe('incomplete');
  });

  it('reports a flipped payload bit as a checksum mismatch', () => {
    const bytes = oneFrame();
    bytes[3] ^= 0x04;
    expect(scanFrame(bytes, 0, bytes.length, createFrameView())).toBe('checksum');
  });

  it('reports a zero length as impossible', () => {
    expect(scanFrame(new Uint8Array([0, 0, 0, 0, 0]), 0, 5, createFrameView())).toBe('oversize');
  });
});

describe('checkpointForTime', () => {
  const checkpoint = (offset: number, maxTsBefore: number): TimeCheckpoint => ({
    offset,
    recordNumber: 0,
    eventNumber: 0,
    previousTs: 0,
    maxTsBefore,
  });
  const checkpoints = [
    checkpoint(20, 0),
    checkpoint(100, 1000),
    checkpoint(200, 2000),
    checkpoint(300, 3000),
  ];

  it('picks the last checkpoint whose earlier events are all before the target', () => {
    expect(checkpointForTime(checkpoints, 2500)?.offset).toBe(200);
    expect(checkpointForTime(checkpoints, 2000)?.offset).toBe(100);
    expect(checkpointForTime(checkpoints, 99_999)?.offset).toBe(300);
  });

  it('returns nothing before the first checkpoint', () => {
    expect(checkpointForTime(checkpoints, 0)).toBeUndefined();
  });
});
