/** The one canonical-JSON encoder lives in src/shared (the engine's preset hash uses it too). */
export { canonicalJson } from '../../shared/codecs/canonicalJson';
