import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulateSessions } from '../../src/main/backtest/simulate/simulateSessions';
import { command as evaluate } from '../../src/main/cli/commands/evaluate';
import { command as sweep } from '../../src/main/cli/commands/sweep';
import { Ledger } from '../../src/main/ledger/ledger';
import { ledgerPath } from '../../src/main/ledger/ledgerPath';
import { startRedis, redisUnavailable, type RedisServer } from '../support/redis';
import { cliPath, makeTempDir, repoRoot } from '../support/serveProcess';

/**
 * `scalpdesk sweep --queue` against a real redis-server and real `scalpdesk worker` processes (the built
 * CLI): the output equals a local run byte for byte, whatever the workers and whatever dies.
 */
const unavailable =
  redisUnavailable() ??
  (fs.existsSync(path.join(repoRoot, 'out', 'main', 'cli.js'))
    ? null
    : 'the app is not built (npm run build)');

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly cacheDir: string;
  log(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

// Balanced holds a leg up to 30 minutes; on these 30-minute sessions the swept hold lets trades close.
const SWEEP_ARGS = [
  '--param',
  'exits.timeExit.maxHoldSeconds=60,120,300',
  '--preset',
  'Balanced',
  '--seed',
  '3',
  '--no-progress',
];

function captureIo(): {
  out: string[];
  err: string[];
  stdout(text: string): void;
  stderr(text: string): void;
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

const sha256 = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe.skipIf(unavailable !== null)(
  `sweeps on a BullMQ queue${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let redis: RedisServer;
    let dir: string;
    let recordings: string[];
    let localOutput: string;
    let localEvaluation: string;
    const workers: WorkerProcess[] = [];

    function startWorker(name: string, extra: string[] = []): Promise<WorkerProcess> {
      const cacheDir = path.join(dir, `cache-${name}`);
      const child = spawn(
        process.execPath,
        [cliPath, 'worker', '--queue', redis.url, '--cache', cacheDir, '--lock-ms', '3000', ...extra],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let log = '';
      child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const worker: WorkerProcess = {
        child,
        cacheDir,
        log: () => log,
        async stop(signal = 'SIGINT') {
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
          child.kill(signal);
          return exited;
        },
      };
      workers.push(worker);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker ${name} did not start:\n${log}`)), 20_000);
        child.stderr?.on('data', () => {
          if (log.includes('waiting for jobs')) {
            clearTimeout(timer);
            resolve(worker);
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`worker ${name} exited with ${code}:\n${log}`));
        });
      });
    }

    async function queuedSweep(extra: string[] = []): Promise<{ code: number; out: string; err: string }> {
      const io = captureIo();
      const code = await sweep.run([...recordings, ...SWEEP_ARGS, '--queue', redis.url, ...extra], io);
      return { code, out: io.out.join(''), err: io.err.join('') };
    }

    beforeAll(async () => {
      redis = await startRedis();
      dir = makeTempDir('queue');
      // A Monday and a Tuesday: the default preset trades only 0DTE/1DTE NIFTY contracts.
      recordings = simulateSessions({
        profile: 'nse',
        days: 2,
        seed: 20,
        from: '2026-01-05',
        minutes: 30,
        directory: path.join(dir, 'recordings'),
      }).map((day) => day.file);
      const io = captureIo();
      const code = await sweep.run([...recordings, ...SWEEP_ARGS, '--workers', '1'], io);
      expect(code, io.err.join('')).toBe(0);
      localOutput = io.out.join('');
      const parsed = JSON.parse(localOutput);
      expect(parsed.points).toBe(3);
      expect(parsed.failedPoints).toBe(0);
      // The engine trades on these tapes, so equal outputs compare real figures.
      expect(parsed.best.metrics.trades).toBeGreaterThan(0);
      const evaluated = captureIo();
      expect(await evaluate.run([...recordings, '--workers', '1', '--no-progress'], evaluated)).toBe(0);
      localEvaluation = evaluated.out.join('');
    }, 240_000);

    afterEach(async () => {
      await Promise.all(workers.splice(0).map((worker) => worker.stop('SIGKILL')));
    });

    afterAll(async () => {
      await redis?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('two workers give the local output exactly, both take jobs, each fetches the recordings once (hash verified), the run is saved, and evaluate runs per session the same way', async () => {
      const [first, second] = await Promise.all([startWorker('a'), startWorker('b')]);
      const dataDir = path.join(dir, 'data');
      const queued = await queuedSweep(['--save', '--data-dir', dataDir]);
      expect(queued.code, queued.err).toBe(0);
      expect(queued.out).toBe(localOutput);
      expect(queued.err).toMatch(/enqueued 3 jobs/);
      for (const worker of [first, second]) {
        expect(worker.log()).toMatch(/took job run-[0-9a-f]+-\d+/);
        expect(worker.log()).toMatch(/finished job/);
        // The worker had none of the files: each arrived through Redis once and matched its hash.
        expect(worker.log().match(/fetched .* sha256 verified/g)?.length).toBe(2);
        const cached = fs.readdirSync(worker.cacheDir).filter((name) => name.endsWith('.sdrec'));
        expect(cached.sort()).toEqual(recordings.map((file) => `${sha256(file)}.sdrec`).sort());
      }
      // Saved like a replay run, with the queue it ran on.
      const ledger = Ledger.open(ledgerPath(dataDir));
      try {
        const [run] = ledger.backtestRuns({ kind: 'sweep' });
        expect(run).toMatchObject({ kind: 'sweep', status: 'finished' });
        expect(run.result).toEqual(JSON.parse(queued.out));
        expect(run.params).toMatchObject({ queue: redis.url, preset: 'Balanced', seed: 3 });
      } finally {
        ledger.close();
      }
      // `evaluate` too: one job per session, the same JSON as on local threads.
      const evaluated = captureIo();
      const code = await evaluate.run([...recordings, '--no-progress', '--queue', redis.url], evaluated);
      expect(code, evaluated.err.join('')).toBe(0);
      expect(evaluated.out.join('')).toBe(localEvaluation);
      expect(evaluated.err.join('')).toMatch(/enqueued 2 jobs/);
      // Ctrl+C finishes the jobs in hand and exits cleanly.
      expect(await first.stop('SIGINT')).toBe(0);
      expect(first.log()).toMatch(/stopped/);
    }, 240_000);

    it('a worker killed mid-job (SIGKILL) has its job retried elsewhere; the output is still the local one', async () => {
      const victim = await startWorker('victim');
      const survivor = await startWorker('survivor');
      const running = queuedSweep();
      await expect.poll(() => victim.log(), { timeout: 60_000, interval: 20 }).toMatch(/took job/);
      victim.child.kill('SIGKILL');
      const queued = await running;
      expect(queued.code, queued.err).toBe(0);
      expect(queued.out).toBe(localOutput);
      const takenByVictim = /took job (run-[0-9a-f]+-\d+)/.exec(victim.log())?.[1];
      expect(takenByVictim).toBeDefined();
      // The job the killed worker held was finished by the survivor.
      expect(survivor.log()).toContain(`finished job ${takenByVictim}`);
    }, 240_000);

    it('refuses a bad queue URL before connecting', async () => {
      await expect(
        sweep.run([...recordings, ...SWEEP_ARGS, '--queue', 'http://x'], captureIo()),
      ).rejects.toThrow(/--queue .* must start with redis:\/\//);
    });
  },
);
