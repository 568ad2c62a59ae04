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

export const TRADE_USAGE =
  '  --trade T          options (default) or underlying: trade the underlying itself, long and short (any tick tape)';

/**
 * `--trade options|underlying` folded into the parameter overrides as `selection.trade`, so the preset
 * the run reports (version and hash) is the one that traded.
 */
export function withTradeFlag(
  overrides: Record<string, unknown>,
  trade: string | undefined,
): Record<string, unknown> {
  if (trade === undefined) return overrides;
  if (trade !== 'options' && trade !== 'underlying')
    throw new UsageError(`--trade must be options or underlying, got "${trade}"`);
  const selection = overrides.selection;
  const base =
    typeof selection === 'object' && selection !== null && !Array.isArray(selection) ? selection : {};
  return { ...overrides, selection: { ...base, trade } };
}
