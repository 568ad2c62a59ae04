import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';

/** A recording as a job names it: by content, so a worker can tell its cached copy is the same file. */
export interface RecordingRef {
  /** SHA-256 of the file's bytes, hex. */
  readonly hash: string;
  /** The file's base name on the coordinator (keeps the extension, which selects the reader). */
  readonly name: string;
  readonly size: number;
}

export interface RecordingStoreOptions {
  /** Largest file the store takes (bytes); Redis holds it in memory while the run lasts. */
  readonly maxBytes?: number;
  /** How long a published file stays in Redis after its last publish (seconds). */
  readonly ttlSeconds?: number;
  readonly chunkBytes?: number;
}

export class RecordingStoreError extends Error {
  override name = 'RecordingStoreError';
}

const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;
const DEFAULT_TTL_SECONDS = 24 * 3600;
const DEFAULT_CHUNK_BYTES = 1024 * 1024;
const KEY = 'scalpdesk:recording';

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Recordings shared through Redis, so a worker on another machine can replay a file it does not have.
 * A file is stored once per content hash in 1 MiB chunks with a TTL; its meta key is written last, so a
 * reader never sees half a file. Workers fetch a file once, verify its hash and keep it in a local
 * cache folder named by hash.
 */
export class RecordingStore {
  private readonly maxBytes: number;
  private readonly ttlSeconds: number;
  private readonly chunkBytes: number;
  /** Cached files whose hash this process has checked. */
  private readonly verified = new Set<string>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly redis: Redis,
    options: RecordingStoreOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  }

  /** Puts `file` in the store (once per content; a second publish only renews the TTL). */
  async publish(file: string): Promise<RecordingRef> {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new RecordingStoreError(`${file} is not a regular file`);
    if (stat.size > this.maxBytes)
      throw new RecordingStoreError(
        `${file} is ${stat.size} bytes, over the queue's limit of ${this.maxBytes} bytes (--max-recording-mb)`,
      );
    const hash = await hashFile(file);
    const ref: RecordingRef = { hash, name: path.basename(file), size: stat.size };
    const meta = `${KEY}:${hash}:meta`;
    const chunks = Math.ceil(stat.size / this.chunkBytes);
    if ((await this.redis.exists(meta)) === 1) {
      const renew = this.redis.multi().expire(meta, this.ttlSeconds);
      for (let i = 0; i < chunks; i++) renew.expire(`${KEY}:${hash}:chunk:${i}`, this.ttlSeconds);
      await renew.exec();
      return ref;
    }
    const handle = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(this.chunkBytes);
      for (let i = 0; i < chunks; i++) {
        const read = fs.readSync(handle, buffer, 0, this.chunkBytes, i * this.chunkBytes);
        await this.redis.set(`${KEY}:${hash}:chunk:${i}`, buffer.subarray(0, read), 'EX', this.ttlSeconds);
      }
    } finally {
      fs.closeSync(handle);
    }
    await this.redis.hset(meta, { name: ref.name, size: String(ref.size), chunks: String(chunks) });
    await this.redis.expire(meta, this.ttlSeconds);
    return ref;
  }

  /**
   * The local path of the recording, fetched into `cacheDir` the first time; the bytes are verified
   * against the hash before the file is used (a mismatch is an error, and nothing is cached).
   */
  async localPath(ref: RecordingRef, cacheDir: string, onFetched?: (bytes: number) => void): Promise<string> {
    if (!/^[0-9a-f]{64}$/.test(ref.hash)) throw new RecordingStoreError(`bad recording hash "${ref.hash}"`);
    const target = path.join(cacheDir, `${ref.hash}${path.extname(ref.name)}`);
    const pending = this.inFlight.get(ref.hash);
    if (pending !== undefined) return pending;
    const job = this.ensure(ref, target, onFetched).finally(() => this.inFlight.delete(ref.hash));
    this.inFlight.set(ref.hash, job);
    return job;
  }

  private async ensure(
    ref: RecordingRef,
    target: string,
    onFetched?: (bytes: number) => void,
  ): Promise<string> {
    if (this.verified.has(ref.hash) && fs.existsSync(target)) return target;
    if (fs.existsSync(target)) {
      if ((await hashFile(target)) === ref.hash) {
        this.verified.add(ref.hash);
        return target;
      }
      fs.rmSync(target, { force: true });
    }
    const meta = await this.redis.hgetall(`${KEY}:${ref.hash}:meta`);
    if (meta.chunks === undefined)
      throw new RecordingStoreError(
        `recording ${ref.name} (${ref.hash.slice(0, 12)}…) is not in the queue's store: expired, or the coordinator did not publish it`,
      );
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.part`;
    const hash = createHash('sha256');
    const handle = fs.openSync(temp, 'w');
    let bytes = 0;
    try {
      for (let i = 0; i < Number(meta.chunks); i++) {
        const chunk = await this.redis.getBuffer(`${KEY}:${ref.hash}:chunk:${i}`);
        if (chunk === null)
          throw new RecordingStoreError(`recording ${ref.name}: chunk ${i} is missing (expired?)`);
        hash.update(chunk);
        fs.writeSync(handle, chunk);
        bytes += chunk.length;
      }
    } catch (error) {
      fs.closeSync(handle);
      fs.rmSync(temp, { force: true });
      throw error;
    }
    fs.closeSync(handle);
    const actual = hash.digest('hex');
    if (actual !== ref.hash) {
      fs.rmSync(temp, { force: true });
      throw new RecordingStoreError(
        `recording ${ref.name}: fetched bytes hash to ${actual.slice(0, 12)}…, not ${ref.hash.slice(0, 12)}…; not used`,
      );
    }
    // Atomic: another process fetching the same file renames an identical copy over it.
    fs.renameSync(temp, target);
    this.verified.add(ref.hash);
    onFetched?.(bytes);
    return target;
  }
}
