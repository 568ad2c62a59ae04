import { randomBytes } from 'node:crypto';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import {
  decodeReply,
  JOB_ATTEMPTS,
  jobId,
  QUEUE_NAME,
  type QueueJob,
  type QueueJobData,
  type QueueReply,
} from './jobs';
import { redisOptions, type QueueConnection } from './queueUrl';
import { RecordingStore, type RecordingRef, type RecordingStoreOptions } from './recordingStore';

export interface QueueExecutorOptions {
  readonly connection: QueueConnection;
  readonly store?: RecordingStoreOptions;
  /** Called as each job finishes (completion order). */
  readonly onResult?: (index: number, reply: QueueReply) => void;
  /** Progress lines for the operator (publishing, enqueued, cancelled). */
  readonly log?: (line: string) => void;
  /** Aborting removes the run's pending jobs and rejects with QueueCancelledError. */
  readonly signal?: AbortSignal;
  /** How often outstanding jobs are polled, in case an event was missed (ms). */
  readonly pollMs?: number;
}

export class QueueCancelledError extends Error {
  override name = 'QueueCancelledError';
  constructor(readonly removedJobs: number) {
    super(`cancelled: removed ${removedJobs} pending job${removedJobs === 1 ? '' : 's'} from the queue`);
  }
}

const returnText = (value: unknown): string | null =>
  typeof value === 'string' ? value : value === undefined || value === null ? null : JSON.stringify(value);

/**
 * The coordinator's side of a queued run (a sweep's points, an evaluation's sessions): publishes the
 * recordings the jobs read to the store (each file once), enqueues the jobs, and collects the replies
 * in job order — so the result does not depend on how many workers ran it or in which order jobs
 * finished. Completion comes from BullMQ's event stream, with a
 * slow poll of outstanding jobs as a safety net. A job that fails JOB_ATTEMPTS times (an error, or a
 * worker dying twice on it) becomes that task's error, reported like a failed local replay.
 */
export async function runJobsOnQueue(
  jobs: readonly QueueJob[],
  options: QueueExecutorOptions,
): Promise<QueueReply[]> {
  const log = options.log ?? (() => undefined);
  const connection = redisOptions(options.connection);
  const redis = new Redis({ ...connection, lazyConnect: true });
  const queue = new Queue(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  const runId = `run-${randomBytes(6).toString('hex')}`;
  const replies: (QueueReply | undefined)[] = new Array(jobs.length);
  const outstanding = new Set(jobs.map((_, index) => index));
  let poll: NodeJS.Timeout | undefined;
  try {
    await redis.connect();
    const store = new RecordingStore(redis, options.store);
    const published = new Map<string, RecordingRef>();
    for (const file of jobs.flatMap((job) => job.files)) {
      if (published.has(file)) continue;
      const ref = await store.publish(file);
      log(`published ${ref.name} (${ref.size} bytes, sha256 ${ref.hash.slice(0, 12)}…)`);
      published.set(file, ref);
    }
    await events.waitUntilReady();

    const done = new Promise<void>((resolve, reject) => {
      const settle = (index: number, reply: QueueReply): void => {
        if (!outstanding.delete(index)) return;
        replies[index] = reply;
        options.onResult?.(index, reply);
        if (outstanding.size === 0) resolve();
      };
      const indexOf = (id: string): number | null => {
        if (!id.startsWith(`${runId}-`)) return null;
        const index = Number(id.slice(runId.length + 1));
        return Number.isInteger(index) && outstanding.has(index) ? index : null;
      };
      const finalFailure = async (index: number): Promise<void> => {
        const job = await Job.fromId(queue, jobId(runId, index));
        if (job === undefined) return;
        if ((await job.getState()) !== 'failed') return;
        settle(index, {
          index,
          ok: false,
          error: `job failed ${job.attemptsMade} times; last error: ${job.failedReason}`,
        });
      };
      events.on('completed', ({ jobId: id, returnvalue }) => {
        const index = indexOf(id);
        const text = returnText(returnvalue);
        if (index !== null && text !== null) settle(index, { ...decodeReply(text), index });
      });
      events.on('failed', ({ jobId: id }) => {
        const index = indexOf(id);
        if (index !== null) finalFailure(index).catch(reject);
      });
      poll = setInterval(() => {
        const sample = [...outstanding].slice(0, 200);
        Promise.all(
          sample.map(async (index) => {
            const job = await Job.fromId(queue, jobId(runId, index));
            if (job === undefined) return;
            const state = await job.getState();
            const text = returnText(job.returnvalue);
            if (state === 'completed' && text !== null) settle(index, { ...decodeReply(text), index });
            else if (state === 'failed') await finalFailure(index);
          }),
        ).catch(reject);
      }, options.pollMs ?? 3000);
      options.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });

    await queue.addBulk(
      jobs.map((job, index) => ({
        name: job.kind,
        data: {
          kind: job.kind,
          body: job.body,
          runId,
          index,
          recordings: job.files.map((file) => published.get(file) as RecordingRef),
        } as QueueJobData,
        opts: {
          jobId: jobId(runId, index),
          attempts: JOB_ATTEMPTS,
          backoff: { type: 'fixed', delay: 500 },
          removeOnComplete: { age: 3600 },
          removeOnFail: { age: 24 * 3600 },
        },
      })),
    );
    log(
      `enqueued ${jobs.length} job${jobs.length === 1 ? '' : 's'} as ${runId} on ${options.connection.display}`,
    );
    try {
      await done;
    } catch (error) {
      if (options.signal?.aborted !== true) throw error;
      let removed = 0;
      for (const index of outstanding) {
        // Waiting and delayed jobs go; a job a worker holds finishes there and is ignored.
        removed += await queue.remove(jobId(runId, index));
      }
      throw new QueueCancelledError(removed);
    }
    return replies as QueueReply[];
  } finally {
    if (poll !== undefined) clearInterval(poll);
    await Promise.allSettled([events.close(), queue.close()]);
    redis.disconnect();
  }
}
