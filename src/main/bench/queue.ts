import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseQueueUrl } from '../backtest/distributed/queueUrl';
import { startQueueWorker, type RunningQueueWorker } from '../backtest/distributed/queueWorker';
import { evaluateWorkerEntry } from '../backtest/evaluate/runEvaluation';
import { simulateSessions } from '../backtest/simulate/simulateSessions';
import type { EvaluationSetup } from '../backtest/sweep/evaluate';
import { runSweep } from '../backtest/sweep/runSweep';
import { sweepWorkerEntry } from '../backtest/sweep/workerPool';
import { builtPaths } from '../platform/appInfo';
import { redisUnavailable, startRedisServer } from './redisServer';
import type { BenchSuite } from './types';

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * The queue (issue 16): the same sweep on one local thread, then through a private Redis with one
 * and with two in-process `scalpdesk worker`s (each job on its own thread). Reports jobs per second,
 * the speed-up from one to two workers, and the coordinator's overhead per job (queued with one
 * worker minus local, per job). On a 2-core machine two workers can at best double the rate.
 */
async function run(options: { quick: boolean }): Promise<Record<string, unknown>> {
  const unavailable = redisUnavailable();
  if (unavailable !== null) return { skipped: unavailable };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-bench-queue-'));
  const redis = await startRedisServer();
  const workers: RunningQueueWorker[] = [];
  try {
    const days = simulateSessions({
      profile: 'nse',
      days: 2,
      seed: 300,
      minutes: options.quick ? 5 : 15,
      directory: path.join(dir, 'recordings'),
    });
    const points = options.quick ? 4 : 8;
    const values = Array.from({ length: points }, (_, i) => 15 + i * 5);
    const setup: EvaluationSetup = {
      files: days.map((day) => day.file),
      sourceOptions: {},
      presetName: 'Balanced',
      seed: 1,
      baseOverrides: {},
    };
    const sweep = (queue?: Parameters<typeof runSweep>[0]['queue']) =>
      runSweep({
        setup,
        axes: [{ path: 'exits.takeProfit.takeProfitPercent', values }],
        search: 'grid',
        searchSeed: 1,
        metric: 'netPnl',
        workers: 1,
        queue,
      });
    let start = process.hrtime.bigint();
    const local = await sweep();
    const localSeconds = seconds(start);
    const connection = parseQueueUrl(redis.url);
    const threadEntries = {
      sweepWorker: sweepWorkerEntry(builtPaths.workerDir),
      evaluateWorker: evaluateWorkerEntry(builtPaths.workerDir),
    };
    const addWorker = async (): Promise<void> => {
      workers.push(
        await startQueueWorker({
          connection,
          concurrency: 1,
          cacheDir: path.join(dir, `cache-${workers.length}`),
          threadEntries,
          log: () => undefined,
        }),
      );
    };
    const timed = async (): Promise<number> => {
      start = process.hrtime.bigint();
      const queued = await sweep({ connection });
      if (JSON.stringify(queued.ranked) !== JSON.stringify(local.ranked))
        throw new Error('a queued sweep gave other figures than the local one');
      return seconds(start);
    };
    await addWorker();
    const oneWorker = await timed();
    await addWorker();
    const twoWorkers = await timed();
    return {
      jobs: points,
      recordings: days.length,
      eventsPerJob: days.reduce((sum, day) => sum + day.events, 0),
      localSeconds: Number(localSeconds.toFixed(3)),
      localJobsPerSecond: Number((points / localSeconds).toFixed(3)),
      oneWorkerJobsPerSecond: Number((points / oneWorker).toFixed(3)),
      twoWorkersJobsPerSecond: Number((points / twoWorkers).toFixed(3)),
      speedUpOneToTwo: Number((oneWorker / twoWorkers).toFixed(3)),
      coordinatorOverheadMsPerJob: Number((((oneWorker - localSeconds) / points) * 1000).toFixed(1)),
      identicalToLocal: true,
      cores: os.availableParallelism(),
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const suite: BenchSuite = {
  name: 'queue',
  summary: 'sweep jobs through BullMQ on a private Redis: jobs/s with 1 and 2 workers, overhead per job',
  run,
};
