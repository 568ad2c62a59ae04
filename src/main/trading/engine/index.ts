/** The automatic scalping engine (issue 4). See docs/engine.md and docs/risk-rules.md. */
export { createEngine } from './engine';
export type {
  Engine,
  EngineCalendar,
  EngineConfig,
  EngineDependencies,
  EngineStatus,
  EnginePositionView,
  InstrumentCatalog,
} from './engine';
export { createStaticCatalog } from './catalog';
export {
  BUILT_IN_PRESET_NAMES,
  isBuiltInPresetName,
  loadBuiltInPreset,
  parsePreset,
  PresetError,
  revisePreset,
  validateParams,
} from './config/presets';
export type { BuiltInPresetName, VersionedPreset } from './config/presets';
export {
  engineParamsSchema,
  presetFileSchema,
  PACK_NAMES,
  REGIME_NAMES,
  SIGNAL_NAMES,
} from './config/schema';
export type { EngineParams, PackName, RegimeName, SignalName } from './config/schema';
export { contentHash, sha256Hex } from './config/contentHash';
export { ENTRY_GATES } from './gates';
export { EXIT_RULES } from './exits';
export type * from './types';
