import type { SessionTask } from '../evaluate/sessionEvaluation';
import type { EvaluationSetup } from '../sweep/evaluate';
import type { SelfContainedSweepTask, SweepTask } from '../sweep/sweepWorker';
import type { PoolReply } from '../sweep/workerPool';
import type { RecordingRef } from './recordingStore';

/** The one BullMQ queue coordinators and workers share; a run's jobs carry its id. */
export const QUEUE_NAME = 'scalpdesk-backtests';

/** Tries before a job is reported as failed (with its error), never silently dropped. */
export const JOB_ATTEMPTS = 2;

/**
 * A job as the coordinator hands it in: what kind of replay, the recordings it reads (local paths on
 * the coordinator) and the rest of its task as plain data. Kinds:
 * - `sweep-task`: one parameter point (optionally a walk-forward window) over the whole tape, exactly
 *   the unit a local sweep gives a thread, so queued and local sweeps give the same figures;
 * - `evaluate-session`: one recording replayed as its own session (`scalpdesk evaluate`).
 */
export type QueueJob =
  | {
      readonly kind: 'sweep-task';
      readonly files: readonly string[];
      readonly body: { readonly setup: Omit<EvaluationSetup, 'files'>; readonly task: SweepTask };
    }
  | {
      readonly kind: 'evaluate-session';
      readonly files: readonly [string];
      readonly body: Omit<SessionTask, 'file'>;
    };

/** What travels in Redis: the job with its recordings named by content. */
export type QueueJobData = Omit<QueueJob, 'files'> & {
  readonly runId: string;
  readonly index: number;
  readonly recordings: readonly RecordingRef[];
};

export type QueueReply = PoolReply<unknown>;

export const jobId = (runId: string, index: number): string => `${runId}-${index}`;

/** The worker-thread entry that runs a kind, and its task once the recordings are local files. */
export function threadTask(
  data: QueueJobData,
  files: readonly string[],
): { readonly entry: 'sweepWorker' | 'evaluateWorker'; readonly task: unknown } {
  switch (data.kind) {
    case 'sweep-task': {
      const body = data.body as Extract<QueueJob, { kind: 'sweep-task' }>['body'];
      const task: SelfContainedSweepTask = { ...body.task, setup: { ...body.setup, files } };
      return { entry: 'sweepWorker', task };
    }
    case 'evaluate-session': {
      const body = data.body as Extract<QueueJob, { kind: 'evaluate-session' }>['body'];
      const task: SessionTask = { ...body, file: files[0] };
      return { entry: 'evaluateWorker', task };
    }
    default:
      throw new Error(`unknown job kind "${String((data as { kind: unknown }).kind)}"`);
  }
}

/**
 * Replies cross Redis as JSON, which has no NaN or ±Infinity (a profit factor with no losing trade is
 * Infinity): those travel as tagged strings, so a queued run's figures equal a local run's exactly.
 * Finite doubles survive JSON unchanged (shortest round-trip form).
 */
export function encodeReply(reply: QueueReply): string {
  return JSON.stringify(reply, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? `\u0000num:${String(value)}` : value,
  );
}

export function decodeReply(text: string): QueueReply {
  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('\u0000num:') ? Number(value.slice(5)) : value,
  ) as QueueReply;
}
