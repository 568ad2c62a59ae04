import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const cliPath = path.join(repoRoot, 'bin', 'scalpdesk.cjs');

export interface ServeProcess {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `scalpdesk-${prefix}-`));
}

/**
 * Runs the built `scalpdesk serve --port 0` as a user would and waits for the URL it prints. The data
 * dir is a new temp folder unless `options.dataDir` gives one the test has prepared (recordings, a ledger);
 * `options.port` restarts a host where a page expects it (the reconnect test).
 */
export async function startServeProcess(
  extraArgs: string[] = [],
  options: { readonly dataDir?: string; readonly port?: number } = {},
): Promise<ServeProcess> {
  if (!fs.existsSync(path.join(repoRoot, 'out', 'main', 'cli.js')))
    throw new Error('the app is not built: run `npm run build` before the e2e tests');
  const dataDir = options.dataDir ?? makeTempDir('e2e');
  const child = spawn(
    process.execPath,
    [cliPath, 'serve', '--port', String(options.port ?? 0), '--data-dir', dataDir, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve printed no URL in 30 s; stderr:\n${stderr}`)),
      30_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /(http:\/\/\S+token=\S+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing a URL; stderr:\n${stderr}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface FinishedProcess {
  /** Exit code, or null when the process had to be killed because it did not exit by itself. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `scalpdesk serve` on a data folder that should stop it at start-up and waits for it to exit.
 * `bound` only ends a run that hangs (the defect under test), reported as code null; it times nothing.
 */
export function runServeToExit(dataDir: string, bound = 60_000): Promise<FinishedProcess> {
  if (!fs.existsSync(path.join(repoRoot, 'out', 'main', 'cli.js')))
    throw new Error('the app is not built: run `npm run build` first');
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), bound);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
