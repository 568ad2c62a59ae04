import { parentPort, workerData } from 'node:worker_threads';
import { evaluatePoint, loadSessionFactory, type EvaluationSetup } from './evaluate';
import type { ParameterPoint } from './parameterSpace';
import { servePoolTasks } from './workerPool';
import type { ReplayWindow } from '../run/replayRun';
import type { ReplaySessionFactory } from '../session/replaySession';

/** One sweep task: a parameter point, optionally on a time window (walk-forward). */
export interface SweepTask {
  readonly point: ParameterPoint;
  readonly window?: ReplayWindow;
}

/** A task that carries its own setup: a queue worker's long-lived threads serve many runs. */
export interface SelfContainedSweepTask extends SweepTask {
  readonly setup?: EvaluationSetup;
}

/**
 * Worker-thread entry of `scalpdesk sweep` and `scalpdesk worker`: replays the tape once per task it is
 * sent, with that task's parameters, and posts back the figures. Each worker builds its own engine per
 * replay; nothing is shared between replays, so the results do not depend on which worker ran what.
 */
if (parentPort !== null) {
  const boot = workerData as EvaluationSetup | null | undefined;
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
  if (boot) void factoryFor(boot);
  servePoolTasks<SelfContainedSweepTask>(parentPort, async (task) => {
    const setup = task.setup ?? boot;
    if (!setup) throw new Error('sweep worker: a task came without a setup');
    return evaluatePoint(setup, task.point, await factoryFor(setup), task.window);
  });
}
