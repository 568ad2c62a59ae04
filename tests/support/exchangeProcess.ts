import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliPath, repoRoot } from './serveProcess';

export interface ExchangeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGCONT (in case it is frozen) and SIGKILL, resolved once it has exited. */
  stop(): Promise<void>;
}

/**
 * `scalpdesk exchange` as its own process, so a test can freeze it (SIGSTOP keeps its socket open,
 * so no close ever arrives) like a hung exchange, and thaw it (SIGCONT).
 */
export async function startExchangeProcess(
  options: { readonly seed?: number; readonly speed?: number } = {},
): Promise<ExchangeProcess> {
  if (!fs.existsSync(path.join(repoRoot, 'out', 'main', 'cli.js')))
    throw new Error('the app is not built: run `npm run build` first');
  const child = spawn(
    process.execPath,
    [
      cliPath,
      'exchange',
      '--profile',
      'nse',
      '--seed',
      String(options.seed ?? 7),
      '--speed',
      String(options.speed ?? 1),
      '--port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /(ws:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exchange exited with ${code} before printing its URL`)));
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
