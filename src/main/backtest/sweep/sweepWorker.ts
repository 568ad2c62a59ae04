import { parentPort, workerData } from 'node:worker_threads';
import { evaluatePoint, loadSessionFactory, type EvaluationSetup } from './evaluate';
import type { ParameterPoint } from './parameterSpace';
import type { PoolReply, PoolRequest } from './workerPool';
import type { ReplayWindow } from '../run/replayRun';
import type { ReplaySessionFactory } from '../session/replaySession';

/** One sweep task: a parameter point, optionally on a time window (walk-forward). */
export interface SweepTask {
  readonly point: ParameterPoint;
  readonly window?: ReplayWindow;
}

/** A request may carry its own setup (a queue worker's long-lived threads serve many runs). */
export type SweepRequest = PoolRequest<SweepTask> & { readonly setup?: EvaluationSetup };

/**
 * Worker-thread entry of `scalpdesk sweep` and `scalpdesk worker`: replays the tape once per task it is
 * sent, with that task's parameters, and posts back the figures. Each worker builds its own engine per
 * replay; nothing is shared between replays, so the results do not depend on which worker ran what.
 */
if (parentPort !== null) {
  const port = parentPort;
  const boot = workerData as EvaluationSetup | undefined;
  // One session factory per session module (the built-in engine when none), loaded once.
  const factories = new Map<string, Promise<ReplaySessionFactory>>();
  const factoryFor = (setup: EvaluationSetup): Promise<ReplaySessionFactory> => {
    const key = setup.sessionModule ?? '';
    let factory = factories.get(key);
    if (factory === undefined) {
      factory = loadSessionFactory(setup);
      // A factory that cannot load fails every task with its reason rather than killing the worker.
      factory.catch(() => undefined);
      factories.set(key, factory);
    }
    return factory;
  };
  if (boot !== undefined) factoryFor(boot);
  const fail = (index: number, error: unknown): PoolReply<unknown> => ({
    index,
    ok: false,
    error: error instanceof Error ? error.message : String(error),
  });
  port.on('message', (request: SweepRequest) => {
    const setup = request.setup ?? boot;
    if (setup === undefined) {
      port.postMessage(fail(request.index, new Error('sweep worker: a task came without a setup')));
      return;
    }
    factoryFor(setup).then(
      (loaded) => {
        let reply: PoolReply<unknown>;
        try {
          reply = {
            index: request.index,
            ok: true,
            result: evaluatePoint(setup, request.task.point, loaded, request.task.window),
          };
        } catch (error) {
          reply = fail(request.index, error);
        }
        port.postMessage(reply);
      },
      (error: unknown) => port.postMessage(fail(request.index, error)),
    );
  });
}
