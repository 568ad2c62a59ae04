import type { ByteWriter } from './bytes';
import { crc32 } from './crc32';
import { FRAME_CRC_LENGTH, MAX_FRAME_BODY } from './format';

/** Where the parts of one frame lie in a buffer; reused between calls so scanning allocates nothing. */
export interface FrameView {
  type: number;
  payloadStart: number;
  payloadEnd: number;
  frameEnd: number;
  /** Body length as declared (type + payload), for error messages; 0 until the length varint is whole. */
  bodyLength: number;
  /** Whole frame length as declared (varint + body + CRC); 0 until the length varint is whole. */
  frameLength: number;
}

export const createFrameView = (): FrameView => ({
  type: 0,
  payloadStart: 0,
  payloadEnd: 0,
  frameEnd: 0,
  bodyLength: 0,
  frameLength: 0,
});

/**
 * `ok`: a whole frame whose CRC matches. `incomplete`: the buffer ends inside the frame (a torn tail at
 * end of file, or just the end of a read chunk). `checksum`: CRC mismatch. `oversize`: a declared length
 * of zero or beyond MAX_FRAME_BODY, which only corruption produces.
 */
export type FrameStatus = 'ok' | 'incomplete' | 'checksum' | 'oversize';

export function scanFrame(bytes: Uint8Array, offset: number, end: number, view: FrameView): FrameStatus {
  let position = offset;
  let bodyLength = 0;
  let scale = 1;
  view.bodyLength = 0;
  view.frameLength = 0;
  for (let i = 0; ; i++) {
    if (position >= end) return 'incomplete';
    if (i === 4) return 'oversize';
    const byte = bytes[position++];
    bodyLength += (byte & 0x7f) * scale;
    if (byte < 0x80) break;
    scale *= 0x80;
  }
  view.bodyLength = bodyLength;
  if (bodyLength === 0 || bodyLength > MAX_FRAME_BODY) return 'oversize';
  const payloadEnd = position + bodyLength;
  const frameEnd = payloadEnd + FRAME_CRC_LENGTH;
  view.frameLength = frameEnd - offset;
  if (frameEnd > end) return 'incomplete';
  const stored =
    (bytes[payloadEnd] |
      (bytes[payloadEnd + 1] << 8) |
      (bytes[payloadEnd + 2] << 16) |
      (bytes[payloadEnd + 3] << 24)) >>>
    0;
  if (stored !== crc32(bytes, offset, payloadEnd)) return 'checksum';
  view.type = bytes[position];
  view.payloadStart = position + 1;
  view.payloadEnd = payloadEnd;
  view.frameEnd = frameEnd;
  return 'ok';
}

/** Appends one frame (length, type, payload, CRC) to `out`. */
export function appendFrame(out: ByteWriter, type: number, payload: Uint8Array): void {
  const start = out.length;
  out.uvarint(payload.length + 1);
  out.u8(type);
  out.raw(payload);
  const crc = crc32(out.bytes(), start, out.length);
  out.u32(crc);
}
