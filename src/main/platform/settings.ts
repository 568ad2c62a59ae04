import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BUILT_IN_PRESET_NAMES } from '../../shared/domain/enginePresets';
import { settingsPath } from './paths';

const windowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200),
  height: z.number().int().min(150),
  /** Electron display id the window was last on, so it reopens on the same monitor. */
  displayId: z.number().optional(),
  maximized: z.boolean().optional(),
});

export const settingsSchema = z.object({
  version: z.literal(1).default(1),
  market: z
    .object({
      profile: z.enum(['nse', 'us']).default('nse'),
      seed: z.number().int().default(42),
      /** Simulated seconds per wall second for the built-in exchange. */
      speed: z.number().positive().max(1000).default(1),
      /** ws:// URL of an external exchange/feed; empty starts the built-in exchange in-process. */
      exchangeUrl: z.string().default(''),
      /**
       * A connected feed that sends nothing (not even a heartbeat reply) for this long is `stale`:
       * shown in every status bar, and the paper broker refuses market orders until data resumes.
       */
      staleAfterMs: z.number().int().min(100).max(600_000).default(3000),
    })
    .default({ profile: 'nse', seed: 42, speed: 1, exchangeUrl: '', staleAfterMs: 3000 }),
  broker: z
    .object({
      kind: z.enum(['paper']).default('paper'),
      /**
       * Order types the paper broker accepts: 'full', or 'alpaca-options' (market and limit only, no
       * resting exit pair), to practise how brackets and stops are emulated by the workstation.
       */
      capabilities: z.enum(['full', 'alpaca-options']).default('full'),
    })
    .default({ kind: 'paper', capabilities: 'full' }),
  engine: z
    .object({
      /** Off until the trader turns it on: the engine never trades on a fresh install by surprise. */
      mode: z.enum(['off', 'shadow', 'paper', 'live']).default('off'),
      preset: z.enum(BUILT_IN_PRESET_NAMES).default('Balanced'),
      /** Underlying the engine follows; empty = the profile's main index (NIFTY, SPY). */
      underlying: z.string().default(''),
    })
    .default({ mode: 'off', preset: 'Balanced', underlying: '' }),
  recording: z
    .object({
      /** Record every market event of every session to <dataDir>/recordings (issue 6). */
      enabled: z.boolean().default(true),
    })
    .default({ enabled: true }),
  windows: z.record(z.string(), windowBoundsSchema).default({}),
});

export type Settings = z.output<typeof settingsSchema>;
export type WindowBounds = z.output<typeof windowBoundsSchema>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/**
 * Reads settings.json from the data folder. A missing file gives defaults; a corrupt one is moved
 * aside (settings.json.corrupt-<time>) and reported, so a bad edit never stops the app from starting
 * and never silently loses what the trader wrote.
 */
export function loadSettings(dataDir: string, warn: (message: string) => void = () => undefined): Settings {
  const file = settingsPath(dataDir);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return settingsSchema.parse({});
    throw new SettingsError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return settingsSchema.parse(JSON.parse(raw));
  } catch (error) {
    const aside = `${file}.corrupt-${Date.now()}`;
    fs.renameSync(file, aside);
    const reason =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
        : (error as Error).message;
    warn(`settings file ${file} was invalid (${reason}); moved it to ${aside} and started with defaults`);
    return settingsSchema.parse({});
  }
}

/** Atomic write: temp file, fsync, rename — a crash mid-write leaves the old file intact. */
export function saveSettings(dataDir: string, settings: Settings): void {
  const file = settingsPath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(settingsSchema.parse(settings), null, 2));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}
