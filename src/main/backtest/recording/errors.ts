/**
 * `header`: not a recording, or a version this build cannot read. `truncated`: the file ends inside a
 * frame (the normal state after a crash mid-write). `checksum`: a frame's CRC does not match (a torn
 * write that left garbage, or a flipped bit). `malformed`: a frame with an impossible length, or whose
 * CRC matches but whose payload does not parse. `io`: the operating system refused a read or write.
 */
export type RecordingProblemKind = 'header' | 'truncated' | 'checksum' | 'malformed' | 'io';

const KIND_TEXT: Record<RecordingProblemKind, string> = {
  header: 'invalid header',
  truncated: 'truncated record',
  checksum: 'checksum mismatch',
  malformed: 'malformed record',
  io: 'read error',
};

/**
 * A damaged or unreadable recording. The message names the file, the byte offset where the bad frame
 * starts and its 1-based record number, so the trader (or a bug report) can point at it; everything
 * before that position was replayed.
 */
export class RecordingError extends Error {
  override name = 'RecordingError';

  constructor(
    readonly file: string,
    readonly kind: RecordingProblemKind,
    /** Byte offset of the start of the bad frame (or of the header). */
    readonly offset: number,
    /** 1-based number of the bad frame; 0 for a header problem. */
    readonly recordNumber: number,
    /** Events read successfully before the problem. */
    readonly eventsBefore: number,
    readonly detail: string,
  ) {
    super(
      kind === 'header' || kind === 'io'
        ? `${file}: ${KIND_TEXT[kind]}: ${detail}`
        : `${file}: ${KIND_TEXT[kind]} at byte ${offset} (record ${recordNumber}; ${eventsBefore} events before it were read): ${detail}`,
    );
  }

  toJSON(): Record<string, unknown> {
    return {
      file: this.file,
      kind: this.kind,
      offset: this.offset,
      recordNumber: this.recordNumber,
      eventsBefore: this.eventsBefore,
      message: this.message,
    };
  }
}
