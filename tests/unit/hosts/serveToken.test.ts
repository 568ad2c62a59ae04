import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVE_TOKEN_FILE, loadOrCreateServeToken } from '../../../src/main/hosts/serveToken';
import { makeTempDir } from '../../support/serveProcess';

describe('serve token of a data folder', () => {
  it('is created once with mode 0600 and the same after a restart', () => {
    const dataDir = makeTempDir('token');
    const first = loadOrCreateServeToken(dataDir);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    const file = path.join(dataDir, SERVE_TOKEN_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateServeToken(dataDir)).toBe(first);
  });

  it('tightens a file copied in with loose rights, and replaces a damaged one', () => {
    const dataDir = makeTempDir('token');
    const file = path.join(dataDir, SERVE_TOKEN_FILE);
    fs.writeFileSync(file, `${'a'.repeat(32)}\n`, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(loadOrCreateServeToken(dataDir)).toBe('a'.repeat(32));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.writeFileSync(file, 'half');
    const fresh = loadOrCreateServeToken(dataDir);
    expect(fresh).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(fresh);
  });
});
