import autoAdaptive from '../../../../../resources/presets/auto-adaptive.json';
import balanced from '../../../../../resources/presets/balanced.json';
import scalper from '../../../../../resources/presets/scalper.json';
import sniper from '../../../../../resources/presets/sniper.json';
import type { BuiltInPresetName } from '../../../../shared/domain/enginePresets';
import { contentHash } from './contentHash';
import type { EngineParams, PresetFile } from './schema';
import { engineParamsSchema, presetFileSchema } from './schema';

/**
 * Presets are data (resources/presets/*.json), validated with the zod schema and versioned by content:
 * the file stores `version` and `hash`, and loading fails if the hash does not match the params, so a
 * shipped preset cannot change without a new version. A trader's edit goes through `revisePreset`,
 * which validates it and assigns the next version and the new hash; the ledger stores each version
 * (issue 5, presets table) so every decision record can name the exact parameters it ran with.
 */

export { BUILT_IN_PRESET_NAMES, isBuiltInPresetName } from '../../../../shared/domain/enginePresets';
export type { BuiltInPresetName } from '../../../../shared/domain/enginePresets';

export interface VersionedPreset {
  readonly name: string;
  readonly version: number;
  readonly hash: string;
  readonly description: string;
  readonly params: EngineParams;
}

export class PresetError extends Error {
  override name = 'PresetError';
  constructor(
    message: string,
    /** One line per problem, `path: message`. */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map((key) => String(key)).join('.');
}

/** Validates a preset file (schema, ranges, cross-field rules) and checks its stored hash against its params. */
export function parsePreset(json: unknown, label = 'preset'): VersionedPreset {
  const parsed = presetFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new PresetError(`${label} is invalid: ${problems.slice(0, 8).join('; ')}`, problems);
  }
  const file: PresetFile = parsed.data;
  const actual = contentHash(file.params);
  if (actual !== file.hash) {
    throw new PresetError(
      `${label} (${file.name} v${file.version}): hash ${file.hash} does not match its params (${actual}); ` +
        'a changed preset needs a new version and hash (see docs/engine.md, "Presets")',
      [`hash: expected ${actual}`],
    );
  }
  return {
    name: file.name,
    version: file.version,
    hash: file.hash,
    description: file.description,
    params: file.params,
  };
}

/** Validates params only (e.g. a trader's edit in the auto-trade window) and returns them typed. */
export function validateParams(json: unknown): EngineParams {
  const parsed = engineParamsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new PresetError(`preset params are invalid: ${problems.slice(0, 8).join('; ')}`, problems);
  }
  return parsed.data;
}

/**
 * A trader's change to a preset: validated, then versioned. Identical content keeps the version
 * (saving without a change is not a new version); any change gets version + 1 and the new hash.
 */
export function revisePreset(
  previous: VersionedPreset,
  params: unknown,
  description = previous.description,
): VersionedPreset {
  const validated = validateParams(params);
  const hash = contentHash(validated);
  if (hash === previous.hash) return previous;
  return { name: previous.name, version: previous.version + 1, hash, description, params: validated };
}

const BUILT_IN_FILES: Record<BuiltInPresetName, unknown> = {
  Sniper: sniper,
  Balanced: balanced,
  Scalper: scalper,
  'Auto-Adaptive': autoAdaptive,
};

const cache = new Map<BuiltInPresetName, VersionedPreset>();

export function loadBuiltInPreset(name: BuiltInPresetName): VersionedPreset {
  let preset = cache.get(name);
  if (preset === undefined) {
    preset = parsePreset(BUILT_IN_FILES[name], `resources/presets (${name})`);
    cache.set(name, preset);
  }
  return preset;
}
