import fs from 'node:fs';
import { ByteWriter } from '../../../shared/recording/bytes';
import {
  encodeIndexBlock,
  RecordEncoder,
  type RecordEncoderOptions,
  type RecordingIndex,
  type TimeCheckpoint,
} from '../../../shared/recording/codec';
import type { RecordedEvent, RecordedInstrument, RecordingMeta } from '../../../shared/recording/events';
import { DEFAULT_CHECKPOINT_EVERY, HEADER_LENGTH, RecordType } from '../../../shared/recording/format';
import { appendFrame } from '../../../shared/recording/frames';
import { encodeHeader } from '../../../shared/recording/header';
import type { RecordingError } from './errors';
import { RecordingReader } from './reader';

export interface RecordingWriterOptions extends RecordEncoderOptions {
  /** Time checkpoint every this many events (seek granularity). */
  readonly checkpointEvery?: number;
  /**
   * Buffered bytes that trigger a write to the OS. Appending never waits for the disk; what is buffered
   * (at most this much, or what arrived since the recorder's last `flush()`) is what a crash can lose.
   */
  readonly flushBytes?: number;
  /** Written as the first frame of a new file, and again when a file is reopened for appending. */
  readonly meta?: RecordingMeta;
  /** Called when reopening finds a torn or corrupt tail and cuts it off (the cut bytes are saved beside the file). */
  readonly onRepair?: (repair: RecordingRepair) => void;
}

export interface RecordingRepair {
  readonly problem: RecordingError;
  /** Where the removed bytes were saved. */
  readonly savedTailPath: string;
  readonly removedBytes: number;
}

/**
 * Appends events to a recording.
 *
 * Durability policy (docs/recording-format.md, "Writing and fsync"): events are encoded into an
 * in-memory buffer; `flush()` hands the buffer to the OS with one write (also done automatically when
 * the buffer passes `flushBytes`); `sync()` flushes and then asks the OS to put it on disk (fsync) in
 * the background, off the event loop, because the core worker's tick path must never wait for a
 * disk; `close()` flushes, appends the index footer and fsyncs synchronously. The live recorder
 * flushes every 200 ms and syncs every second, so a power loss costs at most about a second of
 * market data — never an order or a fill, which the ledger stores on its own terms.
 */
export class RecordingWriter {
  private readonly buffer = new ByteWriter(1 << 16);
  private readonly encoder: RecordEncoder;
  private readonly checkpoints: TimeCheckpoint[];
  private readonly checkpointEvery: number;
  private readonly flushBytes: number;
  /** Bytes already handed to the OS (the file length as this writer sees it). */
  private written: number;
  private records: number;
  private events: number;
  private firstTs: number | null;
  private lastTs: number | null;
  private maxTs: number | null;
  private meta: RecordingMeta | undefined;
  private syncing = false;
  private closed = false;
  private lastError: Error | null = null;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    options: RecordingWriterOptions,
    existing: RecordingIndex | undefined,
  ) {
    this.checkpointEvery = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
    this.flushBytes = options.flushBytes ?? 256 * 1024;
    this.encoder = new RecordEncoder(
      options,
      existing ? { instruments: existing.instruments, previousTs: existing.chainTs } : undefined,
    );
    this.checkpoints = existing ? existing.checkpoints.slice() : [];
    this.written = existing ? existing.coveredBytes : 0;
    this.records = existing?.recordCount ?? 0;
    this.events = existing?.eventCount ?? 0;
    this.firstTs = existing?.firstTs ?? null;
    this.lastTs = existing?.lastTs ?? null;
    this.maxTs = existing?.maxTs ?? null;
    this.meta = existing?.meta;
    if (!existing) this.buffer.raw(encodeHeader());
    if (options.meta) this.writeMeta(options.meta);
  }

  /**
   * Opens `path` for appending, creating it when absent. An existing file is scanned (its footer is not
   * trusted for appending): a torn or corrupt tail is cut off at the last good frame and the cut bytes
   * are saved to `<path>.torn-<offset>` so nothing is silently destroyed. A file that is not a
   * recording is refused.
   */
  static open(path: string, options: RecordingWriterOptions = {}): RecordingWriter {
    let existing: RecordingIndex | undefined;
    const size = fs.existsSync(path) ? fs.statSync(path).size : -1;
    if (size >= HEADER_LENGTH) {
      const reader = RecordingReader.open(path);
      try {
        existing = reader.buildIndex(options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY);
        if (reader.problem) {
          const removed = size - existing.coveredBytes;
          const savedTailPath = `${path}.torn-${existing.coveredBytes}`;
          const tail = Buffer.alloc(removed);
          const fd = fs.openSync(path, 'r');
          fs.readSync(fd, tail, 0, removed, existing.coveredBytes);
          fs.closeSync(fd);
          fs.writeFileSync(savedTailPath, tail);
          fs.truncateSync(path, existing.coveredBytes);
          options.onRepair?.({ problem: reader.problem, savedTailPath, removedBytes: removed });
        }
      } finally {
        reader.close();
      }
    }
    // A file shorter than the header was cut during creation: nothing in it to keep.
    const fd = fs.openSync(path, existing ? 'r+' : 'w');
    return new RecordingWriter(path, fd, options, existing);
  }

  get eventCount(): number {
    return this.events;
  }

  /** Bytes in the file once everything buffered is flushed. */
  get size(): number {
    return this.written + this.buffer.length;
  }

  /** Error of the last background fsync, if it failed (reported by the next sync/close). */
  get backgroundError(): Error | null {
    return this.lastError;
  }

  defineInstrument(instrument: RecordedInstrument): void {
    this.assertOpen();
    const before = this.buffer.length;
    this.encoder.defineInstrument(instrument, this.buffer);
    if (this.buffer.length > before) this.records++;
  }

  writeMeta(meta: RecordingMeta): void {
    this.assertOpen();
    this.encoder.writeMeta(meta, this.buffer);
    this.meta = meta;
    this.records++;
  }

  append(event: RecordedEvent): void {
    this.assertOpen();
    if (this.events % this.checkpointEvery === 0) {
      // A new symbol's definition frame goes before the event; the checkpoint points past it (the index
      // carries the whole symbol table), so define first, then take the offset.
      this.records += this.encoder.ensureSymbol(event.symbol, this.buffer);
      this.checkpoints.push({
        offset: this.written + this.buffer.length,
        recordNumber: this.records,
        eventNumber: this.events,
        previousTs: this.encoder.previousTimestamp,
        maxTsBefore: this.maxTs ?? 0,
      });
    }
    this.records += this.encoder.writeEvent(event, this.buffer);
    this.events++;
    const ts = event.tsEvent;
    if (this.firstTs === null) this.firstTs = ts;
    this.lastTs = ts;
    if (this.maxTs === null || ts > this.maxTs) this.maxTs = ts;
    if (this.buffer.length >= this.flushBytes) this.flush();
  }

  /** Hands buffered frames to the OS (one write). Survives a crash of this process, not of the machine. */
  flush(): void {
    if (this.buffer.length === 0) return;
    const bytes = this.buffer.bytes();
    let offset = 0;
    while (offset < bytes.length) {
      offset += fs.writeSync(this.fd, bytes, offset, bytes.length - offset, this.written + offset);
    }
    this.written += bytes.length;
    this.buffer.reset();
  }

  /** Flushes, then fsyncs in the background (libuv thread pool), so the caller's thread never waits for the disk. */
  sync(): void {
    this.assertOpen();
    this.flush();
    if (this.syncing) return;
    this.syncing = true;
    fs.fsync(this.fd, (error) => {
      this.syncing = false;
      if (error) this.lastError = error;
    });
  }

  /** Flushes, writes the index footer and the trailer, fsyncs and closes. */
  close(): void {
    if (this.closed) return;
    const blockOffset = this.written + this.buffer.length;
    const index: RecordingIndex = {
      instruments: this.encoder.state.instruments,
      meta: this.meta,
      checkpoints: this.checkpoints,
      coveredBytes: blockOffset,
      recordCount: this.records,
      eventCount: this.events,
      firstTs: this.firstTs,
      lastTs: this.lastTs,
      maxTs: this.maxTs,
      chainTs: this.encoder.previousTimestamp,
    };
    appendFrame(this.buffer, RecordType.IndexBlock, encodeIndexBlock(index));
    const trailer = new ByteWriter(8);
    trailer.u64(blockOffset);
    appendFrame(this.buffer, RecordType.IndexTrailer, trailer.bytes());
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.closed = true;
  }

  /**
   * Closes without the footer, as if the process died now (tests of crash recovery). Buffered bytes are
   * written first when `flushFirst`, otherwise they are lost like in a real crash.
   */
  abandon(flushFirst = true): void {
    if (this.closed) return;
    if (flushFirst) this.flush();
    fs.closeSync(this.fd);
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`${this.path}: recording writer is closed`);
  }
}
