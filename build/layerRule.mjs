// @ts-check
/**
 * The layer rule of src/main (src/main/layers.json): every import points down the list of layers,
 * folders of one rank never import each other, and pure layers import no Node built-ins or native
 * modules. One implementation, used by ESLint (eslint.config.mjs) and the architecture test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainRoot = path.join(repoRoot, 'src', 'main');
/** @type {{ layers: string[][]; pure: string[] }} */
const config = JSON.parse(fs.readFileSync(path.join(mainRoot, 'layers.json'), 'utf8'));
const platform = new Set([...builtinModules, 'electron', 'ws', 'better-sqlite3']);

/** @returns {{ folder: string; rank: number } | null} */
export function layerOf(/** @type {string} */ file) {
  const relative = path.relative(mainRoot, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const folder = relative.split(path.sep)[0];
  const rank = config.layers.findIndex((layer) => layer.includes(folder));
  return { folder, rank };
}

/**
 * Why an import of `specifier` from `file` breaks the layer rule, or null when it does not.
 * @param {string} file absolute path of the importing file
 * @param {string} specifier the module specifier as written
 */
export function layerViolation(file, specifier) {
  const from = layerOf(file);
  if (from === null) return null;
  if (from.rank < 0) return `src/main/${from.folder} is not a layer: add it to src/main/layers.json`;
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier.split('/')[0];
  if (config.pure.includes(from.folder) && (specifier.startsWith('node:') || platform.has(bare))) {
    return `src/main/${from.folder} is pure (no Node I/O, threads or native modules) but imports '${specifier}'`;
  }
  if (!specifier.startsWith('.')) return null;
  const target = layerOf(path.resolve(path.dirname(file), specifier));
  if (target === null || target.folder === from.folder) return null;
  if (target.rank < 0) return `'${specifier}' reaches src/main/${target.folder}, which is not a layer`;
  if (target.rank > from.rank) {
    return `src/main/${from.folder} must not import the higher layer src/main/${target.folder} ('${specifier}')`;
  }
  if (target.rank === from.rank) {
    return `src/main/${from.folder} and src/main/${target.folder} are one rank and must not import each other ('${specifier}')`;
  }
  return null;
}

/** The same check as an ESLint rule: `layers/direction`. */
export const layersPlugin = {
  rules: {
    direction: {
      meta: {
        type: 'problem',
        schema: [],
        docs: { description: 'imports point down the layers of src/main' },
      },
      create(/** @type {any} */ context) {
        /** @param {any} node */
        const check = (node) => {
          if (!node.source || typeof node.source.value !== 'string') return;
          const problem = layerViolation(context.filename, node.source.value);
          if (problem) context.report({ node: node.source, message: problem });
        };
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
        };
      },
    },
  },
};
