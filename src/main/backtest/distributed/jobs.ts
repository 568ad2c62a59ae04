import type { EvaluationSetup, Evaluation } from '../sweep/evaluate';
import type { SweepTask } from '../sweep/sweepWorker';
import type { PoolReply } from '../sweep/workerPool';
import type { RecordingRef } from './recordingStore';

/** The one BullMQ queue coordinators and workers share; a run's jobs carry its id. */
export const QUEUE_NAME = 'scalpdesk-backtests';

/** A tries-then-reported policy: a job that fails twice is reported with its error, never dropped. */
export const JOB_ATTEMPTS = 2;

/** What a worker needs to run one sweep task anywhere: the setup with recordings named by content. */
export interface SweepJobData {
  readonly kind: 'sweep-task';
  readonly runId: string;
  readonly index: number;
  readonly setup: Omit<EvaluationSetup, 'files'>;
  readonly recordings: readonly RecordingRef[];
  readonly task: SweepTask;
}

export type SweepReply = PoolReply<Evaluation>;

export const jobId = (runId: string, index: number): string => `${runId}-${index}`;

/**
 * Results cross Redis as JSON, which has no NaN or ±Infinity (a profit factor with no losing trade is
 * Infinity): those travel as tagged strings, so a queued run's figures equal a local run's exactly.
 * Finite doubles survive JSON unchanged (shortest round-trip form).
 */
export function encodeReply(reply: SweepReply): string {
  return JSON.stringify(reply, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? `\u0000num:${String(value)}` : value,
  );
}

export function decodeReply(text: string): SweepReply {
  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('\u0000num:') ? Number(value.slice(5)) : value,
  ) as SweepReply;
}
