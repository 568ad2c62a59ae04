import os from 'node:os';
import path from 'node:path';
import { parseQueueUrl, QueueUrlError } from '../../backtest/distributed/queueUrl';
import { startQueueWorker } from '../../backtest/distributed/queueWorker';
import { evaluateWorkerEntry } from '../../backtest/evaluate/runEvaluation';
import { sweepWorkerEntry } from '../../backtest/sweep/workerPool';
import { builtPaths } from '../../platform/appInfo';
import { defaultDataDir } from '../../platform/paths';
import { parseFlags } from '../flags';
import { waitForStopSignal } from '../signals';
import type { CliCommand, CliIo } from '../types';
import { UsageError } from '../types';

const FLAGS = {
  queue: 'string',
  concurrency: 'number',
  cache: 'string',
  'lock-ms': 'number',
} as const;

export const command: CliCommand = {
  name: 'worker',
  summary: 'take backtest jobs (sweeps) from a Redis queue and run them; any number, on any machine',
  usage: [
    'scalpdesk worker --queue redis://HOST:PORT[/DB] [--concurrency N] [--cache DIR] [--lock-ms MS]',
    '',
    '  --queue URL       the Redis that `scalpdesk sweep --queue URL` enqueues on',
    '  --concurrency N   jobs at once, each on its own thread (default 1)',
    '  --cache DIR       where fetched recordings are kept, named by hash (default <data folder>/queue-cache)',
    '  --lock-ms MS      a job held by a worker that died is handed out again after this (default 30000)',
    '',
    'Logs each job it takes and finishes on stderr. Ctrl+C (or SIGTERM) finishes the jobs in hand, then',
    'exits; a second Ctrl+C exits at once (the queue then hands those jobs to another worker).',
  ].join('\n'),
  async run(args, io) {
    return runWorker(args, io, waitForStopSignal);
  },
};

export async function runWorker(
  args: string[],
  io: CliIo,
  waitForStop: () => Promise<string>,
): Promise<number> {
  const { flags, positional } = parseFlags(args, FLAGS);
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
  if (flags.queue === undefined) throw new UsageError('--queue redis://HOST:PORT[/DB] is required');
  let connection;
  try {
    connection = parseQueueUrl(flags.queue);
  } catch (error) {
    if (error instanceof QueueUrlError) throw new UsageError(`--queue ${error.message}`);
    throw error;
  }
  const concurrency = flags.concurrency ?? 1;
  if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= os.availableParallelism() * 4))
    throw new UsageError(`--concurrency must be a whole number from 1 to ${os.availableParallelism() * 4}`);
  const lockMs = flags['lock-ms'] ?? 30_000;
  if (!(Number.isInteger(lockMs) && lockMs >= 2000))
    throw new UsageError(`--lock-ms must be a whole number of milliseconds, at least 2000`);
  const threadEntries = {
    sweepWorker: sweepWorkerEntry(builtPaths.workerDir),
    evaluateWorker: evaluateWorkerEntry(builtPaths.workerDir),
  };
  if (threadEntries.sweepWorker === undefined || threadEntries.evaluateWorker === undefined) {
    io.stderr('scalpdesk worker: this build has no replay thread entries (run `npm run build`)\n');
    return 1;
  }
  const log = (line: string): void => io.stderr(`${new Date().toISOString()} ${line}\n`);
  let worker;
  try {
    worker = await startQueueWorker({
      connection,
      concurrency,
      cacheDir: path.resolve(flags.cache ?? path.join(defaultDataDir(), 'queue-cache')),
      threadEntries,
      lockMs,
      log,
    });
  } catch (error) {
    io.stderr(`scalpdesk worker: cannot reach ${connection.display}: ${(error as Error).message}\n`);
    return 1;
  }
  const signal = await waitForStop();
  log(`${signal}: finishing the jobs in hand, then exiting (again to exit now)`);
  const forced = waitForStop().then(() => 'forced' as const);
  const outcome = await Promise.race([worker.close().then(() => 'closed' as const), forced]);
  if (outcome === 'forced') {
    log('exiting without finishing; the queue hands the jobs to another worker');
    return 130;
  }
  log('stopped');
  return 0;
}
