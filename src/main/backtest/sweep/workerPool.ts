import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type MessagePort, Worker } from 'node:worker_threads';

/** Messages between the pool and its workers. */
export type PoolRequest<TTask> = { readonly index: number; readonly task: TTask };
export type PoolReply<TResult> =
  | { readonly index: number; readonly ok: true; readonly result: TResult }
  | { readonly index: number; readonly ok: false; readonly error: string };

export interface PoolOptions<TData> {
  /** Worker entry: a built .js file, or a .ts source (dev and tests: loaded through tsx). */
  readonly entry: string;
  readonly workerData: TData;
  readonly concurrency: number;
  /** Called as each task finishes (in completion order). */
  readonly onResult?: (index: number, reply: PoolReply<unknown>) => void;
}

export function startWorker(entry: string, workerData: unknown): Worker {
  if (entry.endsWith('.ts')) {
    // Source mode: register tsx's require hook inside the worker, then load the entry.
    const tsx = createRequire(__filename).resolve('tsx/cjs');
    return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, {
      eval: true,
      workerData,
    });
  }
  return new Worker(entry, { workerData });
}

/**
 * Runs tasks on `concurrency` worker threads, each worker taking the next task as it finishes one
 * (long and short replays balance themselves). Results come back in task order whatever the
 * completion order, so the output does not depend on thread timing.
 */
export async function runPool<TTask, TResult, TData>(
  tasks: readonly TTask[],
  options: PoolOptions<TData>,
): Promise<PoolReply<TResult>[]> {
  if (!fs.existsSync(options.entry)) throw new Error(`worker entry ${options.entry} is missing`);
  const replies: PoolReply<TResult>[] = new Array(tasks.length);
  let nextTask = 0;
  const workerCount = Math.max(1, Math.min(options.concurrency, tasks.length));
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from(
        { length: workerCount },
        () =>
          new Promise<void>((resolve, reject) => {
            const worker = startWorker(options.entry, options.workerData);
            workers.push(worker);
            let current = -1;
            const feed = (): void => {
              if (nextTask >= tasks.length) {
                resolve();
                return;
              }
              current = nextTask++;
              worker.postMessage({ index: current, task: tasks[current] } satisfies PoolRequest<TTask>);
            };
            worker.on('message', (reply: PoolReply<TResult>) => {
              replies[reply.index] = reply;
              options.onResult?.(reply.index, reply);
              feed();
            });
            worker.on('error', (error) =>
              reject(new Error(`sweep worker failed on task ${current + 1}: ${error.message}`)),
            );
            worker.on('exit', (code) => {
              if (nextTask < tasks.length || replies[current] === undefined)
                reject(new Error(`sweep worker exited (code ${code}) before finishing its tasks`));
            });
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return replies;
}

/**
 * A pool worker's entry: built next to the CLI (out/main/NAME.js, an entry of electron.vite.config.ts),
 * or its TypeScript source in dev and tests. Undefined when neither exists: the work then runs in
 * the calling thread.
 */
export function poolWorkerEntry(builtDir: string, name: string, sourceDir: string): string | undefined {
  const built = path.join(builtDir, `${name}.js`);
  if (fs.existsSync(built)) return built;
  const source = path.join(sourceDir, `${name}.ts`);
  return fs.existsSync(source) ? source : undefined;
}

export function sweepWorkerEntry(builtDir: string): string | undefined {
  return poolWorkerEntry(builtDir, 'sweepWorker', __dirname);
}

/**
 * The worker side of the pool: answers each task with `run(task)`'s result, or its error message
 * (a failing task never kills the worker).
 */
export function servePoolTasks<TTask>(
  port: MessagePort,
  run: (task: TTask) => unknown | Promise<unknown>,
): void {
  port.on('message', (request: PoolRequest<TTask>) => {
    const reply = (result: PoolReply<unknown>): void => port.postMessage(result);
    const failed = (error: unknown): void =>
      reply({
        index: request.index,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    try {
      Promise.resolve(run(request.task)).then(
        (result) => reply({ index: request.index, ok: true, result }),
        failed,
      );
    } catch (error) {
      failed(error);
    }
  });
}
