import os from 'node:os';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { encodeReply, QUEUE_NAME, threadTask, type QueueJobData } from './jobs';
import { redisOptions, type QueueConnection } from './queueUrl';
import { RecordingStore } from './recordingStore';
import { ThreadLane } from './threadLane';

export interface QueueWorkerOptions {
  readonly connection: QueueConnection;
  /** Jobs run at once, each on its own thread. */
  readonly concurrency: number;
  /** Where fetched recordings are kept, named by content hash. */
  readonly cacheDir: string;
  /** The thread entries by name (built sweepWorker.js / evaluateWorker.js, or their .ts sources). */
  readonly threadEntries: Readonly<Record<'sweepWorker' | 'evaluateWorker', string | undefined>>;
  /**
   * How long a job's lock lasts without renewal (ms). A worker that dies mid-job loses its lock after
   * this, and another worker's stalled-job check hands the job out again.
   */
  readonly lockMs?: number;
  readonly log: (line: string) => void;
}

export interface RunningQueueWorker {
  /** Finishes the jobs in hand, takes no more, and closes. */
  close(): Promise<void>;
  readonly closed: Promise<void>;
}

const describe = (data: QueueJobData): string =>
  `${data.kind === 'sweep-task' ? 'sweep point' : 'session'} ${data.index + 1} of ${data.runId}`;

/**
 * `scalpdesk worker`: takes sweep jobs from the queue, fetches the recordings a job names (once, verified
 * by hash), replays on a thread with the same code as a local sweep, and returns the figures. Each job
 * it takes and finishes is logged with the worker's name (host and pid).
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<RunningQueueWorker> {
  const name = `${os.hostname()}:${process.pid}`;
  const connection = redisOptions(options.connection);
  const redis = new Redis(connection);
  const store = new RecordingStore(redis);
  // Idle threads by entry; at most `concurrency` jobs run at once, so at most that many per entry.
  const free = new Map<string, ThreadLane[]>();
  const lanes: ThreadLane[] = [];
  const takeLane = (entryName: 'sweepWorker' | 'evaluateWorker'): { lane: ThreadLane; release(): void } => {
    const entry = options.threadEntries[entryName];
    if (entry === undefined) throw new Error(`this build has no ${entryName} entry`);
    const idle = free.get(entry) ?? [];
    free.set(entry, idle);
    let lane = idle.pop();
    if (lane === undefined) {
      lane = new ThreadLane(entry);
      lanes.push(lane);
    }
    const taken = lane;
    return { lane: taken, release: () => idle.push(taken) };
  };
  const lockMs = options.lockMs ?? 30_000;

  const processJob = async (job: Job<QueueJobData>): Promise<string> => {
    const data = job.data;
    const started = Date.now();
    options.log(`${name} took job ${job.id} (${describe(data)}, attempt ${job.attemptsMade + 1})`);
    const files: string[] = [];
    for (const ref of data.recordings) {
      files.push(
        await store.localPath(ref, options.cacheDir, (bytes) =>
          options.log(
            `${name} fetched ${ref.name} (${bytes} bytes), sha256 verified ${ref.hash.slice(0, 12)}…`,
          ),
        ),
      );
    }
    const { entry, task } = threadTask(data, files);
    const { lane, release } = takeLane(entry);
    try {
      const reply = await lane.run(task);
      options.log(
        `${name} finished job ${job.id} in ${((Date.now() - started) / 1000).toFixed(2)} s${reply.ok ? '' : ` (replay error: ${reply.error})`}`,
      );
      return encodeReply({ ...reply, index: data.index });
    } finally {
      release();
    }
  };

  const worker = new Worker<QueueJobData, string>(QUEUE_NAME, processJob, {
    connection,
    concurrency: options.concurrency,
    lockDuration: lockMs,
    stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
    maxStalledCount: 1,
  });
  worker.on('failed', (job, error) => options.log(`${name} job ${job?.id ?? '?'} failed: ${error.message}`));
  worker.on('error', (error) => options.log(`${name} queue error: ${error.message}`));
  await worker.waitUntilReady();
  options.log(
    `${name} waiting for jobs on ${options.connection.display} (concurrency ${options.concurrency})`,
  );

  let closing: Promise<void> | null = null;
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await worker.close();
      await Promise.all(lanes.map((lane) => lane.close()));
      redis.disconnect();
      markClosed();
    })();
    return closing;
  };
  return { close, closed };
}
