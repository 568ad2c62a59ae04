import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { layerViolation } from '../../../build/layerRule.mjs';
import { repoRoot } from '../../support/serveProcess';

const mainRoot = path.join(repoRoot, 'src', 'main');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

function specifiers(source: string): string[] {
  return [
    ...source.matchAll(
      /(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((match) => match[1] ?? match[2]);
}

describe('the layers of src/main (src/main/layers.json)', () => {
  it('names a downward import fine and an upward, sideways or impure one as a violation', () => {
    const engine = path.join(mainRoot, 'trading', 'engine', 'engine.ts');
    const ledger = path.join(mainRoot, 'ledger', 'ledger.ts');
    expect(layerViolation(engine, '../oms/orderManager')).toBeNull();
    expect(layerViolation(engine, '../../../shared/domain/price')).toBeNull();
    expect(layerViolation(ledger, '../trading/oms/positions')).toBeNull();
    expect(layerViolation(engine, '../../coreWorker/coreService')).toMatch(
      /must not import the higher layer/,
    );
    expect(layerViolation(ledger, '../backtest/run/report')).toMatch(/one rank/);
    expect(layerViolation(engine, 'node:fs')).toMatch(/pure/);
    expect(layerViolation(engine, 'better-sqlite3')).toMatch(/pure/);
    expect(layerViolation(path.join(mainRoot, 'stray', 'x.ts'), './y')).toMatch(/not a layer/);
  });

  it('no file of src/main breaks the rule', () => {
    const offenders = sourceFiles(mainRoot).flatMap((file) =>
      specifiers(fs.readFileSync(file, 'utf8')).flatMap((specifier) => {
        const problem = layerViolation(file, specifier);
        return problem ? [`${path.relative(repoRoot, file)}: ${problem}`] : [];
      }),
    );
    expect(offenders).toEqual([]);
  });

  it('the top-level folders of src/main import each other in no cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const file of sourceFiles(mainRoot)) {
      const from = path.relative(mainRoot, file).split(path.sep)[0];
      for (const specifier of specifiers(fs.readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = path
          .relative(mainRoot, path.resolve(path.dirname(file), specifier))
          .split(path.sep)[0];
        if (target.startsWith('..') || target === from) continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)?.add(target);
      }
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]): void => {
      if (trail.includes(node)) {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
        return;
      }
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const node of edges.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });

  it('ESLint (and so CI) fails on an upward import', async () => {
    const eslint = new ESLint({ cwd: repoRoot });
    const filePath = path.join(mainRoot, 'trading', 'engine', 'layerProbe.ts');
    const [upward] = await eslint.lintText(
      "import type { CoreService } from '../../coreWorker/coreService';\nexport type Probe = CoreService;\n",
      { filePath },
    );
    expect(upward.messages.map((message) => message.ruleId)).toContain('layers/direction');
    const [fine] = await eslint.lintText(
      "import type { Order } from '../../../shared/domain/orders';\nexport type Probe = Order;\n",
      { filePath },
    );
    expect(fine.messages.filter((message) => message.ruleId === 'layers/direction')).toEqual([]);
  });
});
