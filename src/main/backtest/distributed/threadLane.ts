import type { Worker } from 'node:worker_threads';
import { startWorker, type PoolReply, type PoolRequest } from '../sweep/workerPool';

interface Pending {
  resolve(reply: PoolReply<unknown>): void;
  reject(error: Error): void;
}

/**
 * One long-lived worker thread of a queue worker process. Replays run here, not on the process's event
 * loop, so BullMQ can renew the job's lock while a long replay runs (a blocked loop would let the lock
 * lapse and the job be taken again as stalled). A thread that dies is replaced on next use.
 */
export class ThreadLane {
  private worker: Worker | null = null;
  private pending: Pending | null = null;

  constructor(private readonly entry: string) {}

  run(task: unknown): Promise<PoolReply<unknown>> {
    if (this.pending !== null) return Promise.reject(new Error('thread lane is busy'));
    const worker = this.worker ?? this.start();
    return new Promise<PoolReply<unknown>>((resolve, reject) => {
      this.pending = { resolve, reject };
      worker.postMessage({ index: 0, task } satisfies PoolRequest<unknown>);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = startWorker(this.entry, null);
    worker.on('message', (reply: PoolReply<unknown>) => this.settle((pending) => pending.resolve(reply)));
    worker.on('error', (error) => this.settle((pending) => pending.reject(error)));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      this.settle((pending) => pending.reject(new Error(`replay thread exited (code ${code}) mid-task`)));
    });
    this.worker = worker;
    return worker;
  }

  private settle(action: (pending: Pending) => void): void {
    const pending = this.pending;
    this.pending = null;
    if (pending !== null) action(pending);
  }
}
