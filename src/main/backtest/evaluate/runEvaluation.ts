import type { QueueExecutorOptions } from '../distributed/queueExecutor';
import { poolWorkerEntry, runPool, type PoolReply } from '../sweep/workerPool';
import { evaluateSession, type SessionEvaluation, type SessionTask } from './sessionEvaluation';

export interface EvaluationRunOptions {
  readonly tasks: readonly SessionTask[];
  readonly workers: number;
  /** The worker entry (built or source); undefined runs every session in this thread. */
  readonly workerEntry?: string;
  /** After each session, in completion order. */
  readonly onSession?: (done: number, total: number, evaluation: SessionEvaluation | null) => void;
  /** Run the sessions as jobs on a BullMQ queue (`--queue`) instead of local threads: same results. */
  readonly queue?: Omit<QueueExecutorOptions, 'onResult'>;
}

export class EvaluationError extends Error {
  override name = 'EvaluationError';
}

/** Evaluates every session (on worker threads when there is an entry and more than one worker); results in task order. */
export async function runEvaluation(options: EvaluationRunOptions): Promise<SessionEvaluation[]> {
  const { tasks } = options;
  let done = 0;
  let replies: PoolReply<SessionEvaluation>[];
  if (options.queue !== undefined) {
    const { runJobsOnQueue } = await import('../distributed/queueExecutor');
    const queued = await runJobsOnQueue(
      tasks.map(({ file, ...body }) => ({ kind: 'evaluate-session', files: [file], body })),
      {
        ...options.queue,
        onResult: (index, reply) =>
          options.onSession?.(++done, tasks.length, reply.ok ? (reply.result as SessionEvaluation) : null),
      },
    );
    // A worker replays its cached copy (named by hash): the session keeps the coordinator's file name.
    replies = queued.map((reply, index) =>
      reply.ok
        ? { ...reply, result: { ...(reply.result as SessionEvaluation), file: tasks[index].file } }
        : reply,
    );
  } else if (options.workerEntry !== undefined && options.workers > 1 && tasks.length > 1) {
    replies = await runPool<SessionTask, SessionEvaluation, null>(tasks, {
      entry: options.workerEntry,
      workerData: null,
      concurrency: options.workers,
      onResult: (_index, reply) =>
        options.onSession?.(++done, tasks.length, reply.ok ? (reply.result as SessionEvaluation) : null),
    });
  } else {
    replies = tasks.map((task, index) => {
      let reply: PoolReply<SessionEvaluation>;
      try {
        reply = { index, ok: true, result: evaluateSession(task) };
      } catch (error) {
        reply = { index, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      options.onSession?.(++done, tasks.length, reply.ok ? reply.result : null);
      return reply;
    });
  }
  return replies.map((reply, index) => {
    if (!reply.ok) throw new EvaluationError(`${tasks[index].file}: ${reply.error}`);
    return reply.result;
  });
}

/** The evaluate worker (built, or its source in dev and tests); undefined runs sessions in this thread. */
export function evaluateWorkerEntry(builtDir: string): string | undefined {
  return poolWorkerEntry(builtDir, 'evaluateWorker', __dirname);
}
