import { crc32 } from './crc32';
import { FORMAT_VERSION, HEADER_LENGTH, MAGIC } from './format';

export interface RecordingHeader {
  readonly version: number;
  readonly headerLength: number;
  readonly flags: number;
}

export function encodeHeader(flags = 0): Uint8Array {
  const bytes = new Uint8Array(HEADER_LENGTH);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint16(8, FORMAT_VERSION, true);
  view.setUint16(10, HEADER_LENGTH, true);
  view.setUint32(12, flags, true);
  view.setUint32(16, crc32(bytes, 0, 16), true);
  return bytes;
}

/** Why a header was refused, in words for the error message. Null when the header is valid. */
export function checkHeader(bytes: Uint8Array): { header: RecordingHeader } | { problem: string } {
  if (bytes.length < HEADER_LENGTH)
    return { problem: `file is ${bytes.length} bytes, shorter than the ${HEADER_LENGTH}-byte header` };
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) return { problem: 'not a Scalpdesk recording (bad magic bytes)' };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(8, true);
  const headerLength = view.getUint16(10, true);
  const flags = view.getUint32(12, true);
  if (view.getUint32(16, true) !== crc32(bytes, 0, 16)) return { problem: 'header checksum mismatch' };
  if (version !== FORMAT_VERSION) {
    return {
      problem: `recording format version ${version} is not supported (this build reads version ${FORMAT_VERSION})`,
    };
  }
  if (headerLength < HEADER_LENGTH) return { problem: `header length ${headerLength} is invalid` };
  return { header: { version, headerLength, flags } };
}
