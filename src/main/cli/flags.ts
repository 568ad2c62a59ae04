import { UsageError } from './types';

export type FlagKind = 'string' | 'number' | 'boolean';
export type FlagSpec = Record<string, FlagKind>;

type FlagValue<K extends FlagKind> = K extends 'number' ? number : K extends 'boolean' ? boolean : string;
export type ParsedFlags<S extends FlagSpec> = { [K in keyof S]?: FlagValue<S[K]> };

export interface ParsedArgs<S extends FlagSpec> {
  readonly flags: ParsedFlags<S>;
  /** Arguments that are not flags, in order. */
  readonly positional: string[];
}

/**
 * Parses `--name value`, `--name=value` and boolean `--name`. Unknown flags and values that are not
 * numbers where numbers are expected throw UsageError naming the flag, so every command reports bad
 * input the same way (exit 2 with usage).
 */
export function parseFlags<S extends FlagSpec>(args: readonly string[], spec: S): ParsedArgs<S> {
  const flags: Record<string, string | number | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const kind = spec[name];
    if (kind === undefined) throw new UsageError(`unknown flag --${name}`);
    if (kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq !== -1) raw = arg.slice(eq + 1);
    else {
      raw = args[i + 1];
      i++;
    }
    if (raw === undefined || (raw.startsWith('--') && eq === -1))
      throw new UsageError(`--${name} needs a value`);
    if (kind === 'number') {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value))
        throw new UsageError(`--${name} must be a number, got "${raw}"`);
      flags[name] = value;
    } else {
      flags[name] = raw;
    }
  }
  return { flags: flags as ParsedFlags<S>, positional };
}

export function requireFlag<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}
