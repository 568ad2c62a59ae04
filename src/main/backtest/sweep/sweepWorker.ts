import { parentPort, workerData } from 'node:worker_threads';
import { evaluatePoint, loadSessionFactory, type EvaluationSetup } from './evaluate';
import type { ParameterPoint } from './parameterSpace';
import { servePoolTasks } from './workerPool';
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
  const setup = workerData as EvaluationSetup;
  const factory = loadSessionFactory(setup);
  // A factory that cannot load fails every task with its reason rather than killing the worker.
  factory.catch(() => undefined);
  servePoolTasks<SweepTask>(parentPort, (task) =>
    factory.then((loaded) => evaluatePoint(setup, task.point, loaded, task.window)),
  );
}
