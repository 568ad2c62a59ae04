import { parentPort, workerData } from 'node:worker_threads';
import { evaluatePoint, loadSessionFactory, type EvaluationSetup } from './evaluate';
import type { ParameterPoint } from './parameterSpace';
import type { PoolReply, PoolRequest } from './workerPool';
import type { ReplayWindow } from '../run/replayRun';

/** One sweep task: a parameter point, optionally on a time window (walk-forward). */
export interface SweepTask {
  readonly point: ParameterPoint;
  readonly window?: ReplayWindow;
}

/**
 * Worker-thread entry of `scalpdesk sweep`: replays the tape once per task it is sent, with that
 * task's parameters, and posts back the figures. Each worker builds its own engine per replay; nothing
 * is shared between replays, so the results do not depend on which worker ran what.
 */
if (parentPort !== null) {
  const port = parentPort;
  const setup = workerData as EvaluationSetup;
  const factory = loadSessionFactory(setup);
  // A factory that cannot load fails every task with its reason rather than killing the worker.
  factory.catch(() => undefined);
  port.on('message', (request: PoolRequest<SweepTask>) => {
    factory.then(
      (loaded) => {
        let reply: PoolReply<unknown>;
        try {
          reply = {
            index: request.index,
            ok: true,
            result: evaluatePoint(setup, request.task.point, loaded, request.task.window),
          };
        } catch (error) {
          reply = {
            index: request.index,
            ok: false,
            error: error instanceof Error ? error.message : String(error),
          };
        }
        port.postMessage(reply);
      },
      (error: unknown) =>
        port.postMessage({
          index: request.index,
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        } satisfies PoolReply<unknown>),
    );
  });
}
