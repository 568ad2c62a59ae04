import { ApiError } from '../../shared/api/errors';
import type { ConfigValue, EngineConfigView, SaveConfigResultView } from '../../shared/api/autoViews';
import type { CoreHandlers } from './coreApi';
import type { CoreService } from './coreService';
import type { PresetStore } from './presetStore';
import { applyChanges, PresetFieldError, presetFields } from '../trading/engine/config/presetFields';
import { PresetError, revisePreset } from '../trading/engine/config/presets';

type AutoMember =
  'engine.listPresets' | 'engine.getConfig' | 'engine.saveConfig' | 'engine.getPanel' | 'engine.getDecision';

/**
 * The auto-trade window's engine methods (issue 13): presets from the store, edits validated by the
 * preset schema and saved as the next version, the live panel from the core service.
 */
export function createAutoHandlers(
  service: () => CoreService,
  store: PresetStore,
): Pick<CoreHandlers, AutoMember> {
  const configView = (name?: string, version?: number): EngineConfigView => {
    const running = service().preset;
    const { preset, origin } = store.get(
      name ?? running.name,
      name === undefined && version === undefined ? running.version : version,
    );
    return {
      preset: {
        name: preset.name,
        version: preset.version,
        hash: preset.hash,
        description: preset.description,
        origin,
      },
      inUse: { name: running.name, version: running.version, hash: running.hash },
      fields: presetFields(preset.params),
    };
  };

  return {
    'engine.listPresets': () => store.list(),
    'engine.getConfig': ({ name, version }) => configView(name, version),
    'engine.getPanel': () => service().autoPanel(),
    'engine.getDecision': ({ decisionId }) => service().decisionRecord(decisionId),
    'engine.saveConfig': ({ name, baseVersion, changes, description }): SaveConfigResultView => {
      const newest = store.get(name).preset;
      if (newest.version !== baseVersion)
        throw new ApiError(
          'REJECTED',
          `preset ${name} is at version ${newest.version} now, not ${baseVersion}: reload it and edit again`,
          'baseVersion',
        );
      const revised = reviseOrExplain(newest, changes, description);
      if (revised.hash === newest.hash)
        throw new ApiError('BAD_REQUEST', 'nothing changed: every field equals the preset', 'changes');
      const saved = store.save(revised);
      const current = service();
      if (current.preset.name !== name)
        return { saved, applied: false, detail: `the engine runs ${current.preset.name}, not ${name}` };
      const refused = current.usePreset(revised);
      return refused === null
        ? { saved, applied: true, detail: null }
        : { saved, applied: false, detail: `not in use yet: ${refused}; it starts with the next session` };
    },
  };
}

/** The edit applied and validated; a broken range or rule is a BAD_REQUEST naming the field. */
function reviseOrExplain(
  base: ReturnType<PresetStore['get']>['preset'],
  changes: Readonly<Record<string, ConfigValue>>,
  description: string | undefined,
): ReturnType<PresetStore['get']>['preset'] {
  try {
    return revisePreset(base, applyChanges(base.params, changes), description ?? base.description);
  } catch (error) {
    if (error instanceof PresetFieldError)
      throw new ApiError('BAD_REQUEST', `changes.${error.path}: ${error.problem}`, `changes.${error.path}`);
    if (error instanceof PresetError) {
      const first = error.problems[0] ?? error.message;
      const path = first.split(':')[0];
      throw new ApiError(
        'BAD_REQUEST',
        error.problems.map((problem) => `changes.${problem}`).join('; '),
        `changes.${path}`,
      );
    }
    throw error;
  }
}
