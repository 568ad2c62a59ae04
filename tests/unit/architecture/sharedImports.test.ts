import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/serveProcess';

/**
 * The "layers" principle: src/shared imports nothing platform-specific. ESLint enforces it too; this test
 * guards the rule itself.
 */
const forbidden = new Set([...builtinModules, 'electron', 'ws', 'better-sqlite3']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

export function platformImports(source: string): string[] {
  const specifiers = [
    ...source.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((match) => match[1] ?? match[2] ?? match[3]);
  return specifiers.filter(
    (specifier) => specifier.startsWith('node:') || forbidden.has(specifier.split('/')[0]),
  );
}

describe('src/shared stays platform-free', () => {
  it('the checker sees a node: import, a ws import and a dynamic electron import', () => {
    expect(
      platformImports(
        "import fs from 'node:fs';\nimport { WebSocket } from 'ws';\nconst e = import('electron');",
      ),
    ).toEqual(['node:fs', 'ws', 'electron']);
    expect(platformImports("import { z } from 'zod';")).toEqual([]);
  });

  it('no file under src/shared imports node:, electron, ws or better-sqlite3', () => {
    const offenders = sourceFiles(path.join(repoRoot, 'src', 'shared')).flatMap((file) =>
      platformImports(fs.readFileSync(file, 'utf8')).map(
        (specifier) => `${path.relative(repoRoot, file)} imports ${specifier}`,
      ),
    );
    expect(offenders).toEqual([]);
  });
});
