import fs from 'node:fs';
import { ProgressReporter } from '../backtest/run/progress';
import type { CliIo } from './types';
import { UsageError } from './types';

/** Progress on stderr for a long command (none with --no-progress): a bar on a terminal, lines otherwise. */
export function stderrProgress(
  io: CliIo,
  enabled: boolean,
  options: { readonly label?: string; readonly unit?: string; readonly lineIntervalMs?: number } = {},
): ProgressReporter | undefined {
  if (!enabled) return undefined;
  return new ProgressReporter({
    write: io.stderr,
    isTty: process.stderr.isTTY === true,
    now: () => performance.now(),
    ...options,
  });
}

/** `--config FILE`: a JSON object of parameter overrides; a bad file is a usage error naming it. */
export function readConfigFile(file: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--config ${file}: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new UsageError(`--config ${file}: expected a JSON object of parameters`);
  return json as Record<string, unknown>;
}
