import type { QueueExecutorOptions } from '../backtest/distributed/queueExecutor';
import { parseQueueUrl, QueueUrlError } from '../backtest/distributed/queueUrl';
import type { CliIo } from './types';
import { UsageError } from './types';

/** The flags `sweep` and `evaluate` take to run on a queue instead of local threads. */
export const QUEUE_FLAGS = { queue: 'string', 'max-recording-mb': 'number' } as const;

export const QUEUE_USAGE = [
  '  --queue URL         run the replays as jobs on a BullMQ queue in Redis (redis://HOST:PORT[/DB]);',
  '                      `scalpdesk worker --queue URL` processes on any machine take them (recordings',
  '                      travel through Redis, verified by hash). Same output as a local run. Ctrl+C',
  '                      removes the pending jobs',
  '  --max-recording-mb N  largest recording put on the queue (default 1024)',
];

/**
 * The queue a command runs on, or undefined for local threads; a bad URL or a stray size flag is a
 * usage error. The returned options carry an abort signal that the first Ctrl+C fires (the run then
 * removes its pending jobs); `release` removes the Ctrl+C handler.
 */
export function queueFromFlags(
  flags: { readonly queue?: string; readonly 'max-recording-mb'?: number },
  io: CliIo,
  command: string,
): { readonly options: Omit<QueueExecutorOptions, 'onResult'>; release(): void } | undefined {
  if (flags.queue === undefined) {
    if (flags['max-recording-mb'] !== undefined)
      throw new UsageError('--max-recording-mb is used only with --queue');
    return undefined;
  }
  let connection;
  try {
    connection = parseQueueUrl(flags.queue);
  } catch (error) {
    if (error instanceof QueueUrlError) throw new UsageError(`--queue ${error.message}`);
    throw error;
  }
  const maxMb = flags['max-recording-mb'] ?? 1024;
  if (!(maxMb > 0)) throw new UsageError(`--max-recording-mb must be positive, got ${maxMb}`);
  const abort = new AbortController();
  const onInterrupt = (): void => {
    io.stderr(`scalpdesk ${command}: cancelling: removing the pending jobs from the queue…\n`);
    abort.abort();
  };
  process.once('SIGINT', onInterrupt);
  return {
    options: {
      connection,
      store: { maxBytes: maxMb * 1024 * 1024 },
      signal: abort.signal,
      log: (line) => io.stderr(`scalpdesk ${command}: ${line}\n`),
    },
    release: () => process.off('SIGINT', onInterrupt),
  };
}
