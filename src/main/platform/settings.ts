import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BUILT_IN_PRESET_NAMES } from '../../shared/domain/enginePresets';
import { resolveHotkeys } from '../../shared/domain/hotkeys';
import { ladderSettingsSchema, LADDER_SETTINGS_DEFAULTS } from './ladderSettings';
import { settingsPath } from './paths';

const windowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200),
  height: z.number().int().min(150),
  /** Electron display id the window was last on, so it reopens on the same monitor. */
  displayId: z.number().optional(),
  maximized: z.boolean().optional(),
  /** Still open when the app quit: reopened at the next start. */
  open: z.boolean().optional(),
});

/** Secrets never live in settings.json (it is copied, shared and shown): refuse them by name. */
function refuseSecrets(value: unknown, context: z.RefinementCtx): unknown {
  if (typeof value === 'object' && value !== null)
    for (const field of Object.keys(value))
      if (/key$|secret|token|password/i.test(field) && field !== 'keyFile')
        context.addIssue({
          code: 'custom',
          path: [field],
          message:
            'secrets do not belong in settings.json: use the environment (SCALPDESK_OPENALGO_API_KEY, SCALPDESK_ALPACA_KEY_ID, SCALPDESK_ALPACA_SECRET_KEY) or a key file with mode 0600',
        });
  return value;
}

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
      /** 'exchange': the built-in (or exchangeUrl) market; 'broker': the configured broker's feed. */
      source: z.enum(['exchange', 'broker']).default('exchange'),
    })
    .default({ profile: 'nse', seed: 42, speed: 1, exchangeUrl: '', staleAfterMs: 3000, source: 'exchange' }),
  broker: z
    .preprocess(
      refuseSecrets,
      z.object({
        /** paper (built in), openalgo (India, one API for many brokers) or alpaca (US). */
        kind: z.enum(['paper', 'openalgo', 'alpaca']).default('paper'),
        /**
         * Order types the paper broker accepts: 'full', or 'alpaca-options' (market and limit only, no
         * resting exit pair), to practise how brackets and stops are emulated by the workstation.
         */
        capabilities: z.enum(['full', 'alpaca-options']).default('full'),
        /**
         * Where orders go with a real broker: 'broker' (its order entry) or 'paper' (its market data,
         * the built-in paper broker's fills: practice on the real market, nothing sent).
         */
        orders: z.enum(['broker', 'paper']).default('broker'),
        /** OpenAlgo REST host and WebSocket proxy (its defaults on the same machine). */
        host: z.string().url().default('http://127.0.0.1:5000'),
        wsUrl: z.string().url().default('ws://127.0.0.1:8765'),
        /** Alpaca: the paper endpoints unless the trader turns this off and confirms live trading. */
        paper: z.boolean().default(true),
        /** Alpaca endpoint overrides (a proxy, a test server); empty takes Alpaca's own. */
        alpacaTradingUrl: z.string().default(''),
        alpacaDataUrl: z.string().default(''),
        /** Alpaca stock feed: iex (free) or sip (paid). */
        alpacaStockFeed: z.enum(['iex', 'sip']).default('iex'),
        /** A key file (JSON, mode 0600) when the environment variables are not set; empty = none. */
        keyFile: z.string().default(''),
      }),
    )
    .default({
      kind: 'paper',
      capabilities: 'full',
      orders: 'broker',
      host: 'http://127.0.0.1:5000',
      wsUrl: 'ws://127.0.0.1:8765',
      paper: true,
      alpacaTradingUrl: '',
      alpacaDataUrl: '',
      alpacaStockFeed: 'iex',
      keyFile: '',
    }),
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
  /**
   * Trading hotkeys, action → key (`{ "buy": "J", "flattenAll": "F9" }`); actions left out keep the
   * README's defaults. Checked at load: unknown actions and unusable keys are reported and ignored.
   */
  hotkeys: z.record(z.string(), z.string()).default({}),
  ladder: ladderSettingsSchema.default(LADDER_SETTINGS_DEFAULTS),
});

export type Settings = z.output<typeof settingsSchema>;
export type WindowBounds = z.output<typeof windowBoundsSchema>;

export class SettingsError extends Error {
  override name = 'SettingsError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sections whose keys are names the trader chooses (window routes), not settings. */
const FREE_FORM_SECTIONS = new Set(['windows', 'hotkeys']);

/**
 * Keys in a settings file the schema does not know, as dotted paths (`market.exchangeURL`). Zod drops
 * them silently, so a misspelt key would otherwise leave its setting at the default without a word.
 * The known keys are those of the defaults: every setting has one.
 */
export function unknownSettingsKeys(raw: unknown): string[] {
  if (!isRecord(raw)) return [];
  const defaults: Record<string, unknown> = settingsSchema.parse({});
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const known = defaults[key];
    if (known === undefined) unknown.push(key);
    else if (isRecord(known) && isRecord(value) && !FREE_FORM_SECTIONS.has(key))
      for (const inner of Object.keys(value)) if (!(inner in known)) unknown.push(`${key}.${inner}`);
  }
  return unknown;
}

/** `market.exchangeURL is ignored (did you mean market.exchangeUrl?)` when only the case differs. */
function describeUnknownKey(key: string): string {
  const defaults: Record<string, unknown> = settingsSchema.parse({});
  const [section, name] = key.includes('.') ? key.split('.', 2) : [undefined, key];
  const siblings = section === undefined ? defaults : defaults[section];
  const match = isRecord(siblings)
    ? Object.keys(siblings).find((candidate) => candidate.toLowerCase() === name.toLowerCase())
    : undefined;
  const suggestion = match ? ` (did you mean "${section ? `${section}.` : ''}${match}"?)` : '';
  return `"${key}" is ignored${suggestion}`;
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
    const parsed: unknown = JSON.parse(raw);
    for (const key of unknownSettingsKeys(parsed))
      warn(`${file}: unknown setting ${describeUnknownKey(key)}`);
    const settings = settingsSchema.parse(parsed);
    for (const warning of resolveHotkeys(settings.hotkeys).warnings) warn(`${file}: ${warning}`);
    return settings;
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
