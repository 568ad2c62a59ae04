import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/errors';
import type { PresetVersionView } from '../../shared/api/autoViews';
import type { BuiltInPresetName, VersionedPreset } from '../trading/engine/config/presets';
import {
  BUILT_IN_PRESET_NAMES,
  isBuiltInPresetName,
  loadBuiltInPreset,
  parsePreset,
} from '../trading/engine/config/presets';

const FILE_PATTERN = /^(.+)\.v(\d+)\.json$/;

/**
 * The trader's preset versions, in `<dataDir>/presets/<name>.v<version>.json` (the preset file format
 * of resources/presets, hash included, so a hand-edited file is refused at load like a shipped one).
 * A saved version never changes: an edit is the next version. The settings' preset name starts the
 * engine on that preset's newest version, saved or built in.
 */
export class PresetStore {
  constructor(private readonly directory: string) {}

  /** Every version, built-in first, then each name's saved versions in order. */
  list(): PresetVersionView[] {
    const saved = this.savedFiles();
    return BUILT_IN_PRESET_NAMES.flatMap((name) => [
      view(loadBuiltInPreset(name), 'built-in'),
      ...saved
        .filter((file) => file.name === name)
        .map((file) => view(this.readFile(file.fileName), 'saved')),
    ]);
  }

  /** A version of a preset; without `version`, its newest. */
  get(name: string, version?: number): { preset: VersionedPreset; origin: PresetVersionView['origin'] } {
    const builtInName = requireBuiltInName(name);
    const builtIn = loadBuiltInPreset(builtInName);
    const saved = this.savedFiles().filter((file) => file.name === builtInName);
    const wanted = version ?? Math.max(builtIn.version, ...saved.map((file) => file.version));
    if (wanted === builtIn.version) return { preset: builtIn, origin: 'built-in' };
    const file = saved.find((candidate) => candidate.version === wanted);
    if (!file) throw new ApiError('BAD_REQUEST', `preset ${builtInName} has no version ${wanted}`, 'version');
    return { preset: this.readFile(file.fileName), origin: 'saved' };
  }

  /** The newest version of the preset the settings name (what the engine starts on). */
  newest(name: BuiltInPresetName): VersionedPreset {
    return this.get(name).preset;
  }

  /** Writes a new version (temp file, then rename: a crash never leaves half a preset). */
  save(preset: VersionedPreset): PresetVersionView {
    fs.mkdirSync(this.directory, { recursive: true });
    const file = path.join(this.directory, `${preset.name}.v${preset.version}.json`);
    if (fs.existsSync(file))
      throw new ApiError(
        'REJECTED',
        `preset ${preset.name} v${preset.version} is already saved`,
        'baseVersion',
      );
    const body = {
      name: preset.name,
      version: preset.version,
      description: preset.description,
      hash: preset.hash,
      params: preset.params,
    };
    const temp = `${file}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(body, null, 2)}\n`);
    fs.renameSync(temp, file);
    return view(preset, 'saved');
  }

  private savedFiles(): Array<{ name: string; version: number; fileName: string }> {
    if (!fs.existsSync(this.directory)) return [];
    return fs
      .readdirSync(this.directory)
      .flatMap((fileName) => {
        const match = FILE_PATTERN.exec(fileName);
        return match && isBuiltInPresetName(match[1])
          ? [{ name: match[1], version: Number(match[2]), fileName }]
          : [];
      })
      .sort((a, b) => a.version - b.version);
  }

  private readFile(fileName: string): VersionedPreset {
    const file = path.join(this.directory, fileName);
    return parsePreset(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, file);
  }
}

function requireBuiltInName(name: string): BuiltInPresetName {
  if (!isBuiltInPresetName(name))
    throw new ApiError(
      'BAD_REQUEST',
      `unknown preset "${name}" (${BUILT_IN_PRESET_NAMES.join(', ')})`,
      'name',
    );
  return name;
}

function view(preset: VersionedPreset, origin: PresetVersionView['origin']): PresetVersionView {
  return {
    name: preset.name,
    version: preset.version,
    hash: preset.hash,
    description: preset.description,
    origin,
  };
}
