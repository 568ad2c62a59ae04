import type { Worker } from 'node:worker_threads';
import type { EvaluationSetup } from '../sweep/evaluate';
import type { SweepRequest, SweepTask } from '../sweep/sweepWorker';
import { startWorker } from '../sweep/workerPool';
import type { SweepReply } from './jobs';

/**
 * One long-lived worker thread of a queue worker process. Replays run here, not on the process's
 * event loop, so BullMQ can renew the job's lock while a long replay runs (a blocked loop would let
 * the lock lapse and the job be taken again as stalled). A thread that dies is replaced on next use.
 */
export class ThreadLane {
  private worker: Worker | null = null;
  private pending: { resolve(reply: SweepReply): void; reject(error: Error): void } | null = null;

  constructor(private readonly entry: string) {}

  run(setup: EvaluationSetup, task: SweepTask): Promise<SweepReply> {
    if (this.pending !== null) return Promise.reject(new Error('thread lane is busy'));
    const worker = this.worker ?? this.start();
    return new Promise<SweepReply>((resolve, reject) => {
      this.pending = { resolve, reject };
      worker.postMessage({ index: 0, task, setup } satisfies SweepRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = startWorker(this.entry, undefined);
    worker.on('message', (reply: SweepReply) => this.settle((pending) => pending.resolve(reply)));
    worker.on('error', (error) => this.settle((pending) => pending.reject(error)));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      this.settle((pending) => pending.reject(new Error(`replay thread exited (code ${code}) mid-task`)));
    });
    this.worker = worker;
    return worker;
  }

  private settle(
    action: (pending: { resolve(reply: SweepReply): void; reject(error: Error): void }) => void,
  ): void {
    const pending = this.pending;
    this.pending = null;
    if (pending !== null) action(pending);
  }
}
