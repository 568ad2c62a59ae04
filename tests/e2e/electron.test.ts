import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeTempDir, repoRoot } from '../support/serveProcess';

/** The Electron binary, if this machine has it (its download needs internet; CI here has none). */
function electronBinary(): string | null {
  const dir = path.join(repoRoot, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const skipReason = binary ? '' : ' [skipped: the Electron binary is not downloaded on this machine]';

describe.skipIf(!binary)(`desktop app (Playwright _electron)${skipReason}`, () => {
  it('opens a sandboxed ladder window that shows live prices and fills a Buy', async () => {
    const dataDir = makeTempDir('electron');
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [repoRoot, '--data-dir', dataDir, ...(process.env.CI ? ['--no-sandbox'] : [])],
    });
    try {
      const window = await app.firstWindow();
      // contextIsolation + sandbox: the page sees only the frozen bridge, never Node or ipcRenderer.
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(
        await window.evaluate(() => Object.isFrozen((window as unknown as { scalpdesk: object }).scalpdesk)),
      ).toBe(true);
      await expect.poll(async () => window.getByTestId('ask-row').count(), { timeout: 20_000 }).toBe(5);
      await window.getByTestId('buy').click();
      await expect
        .poll(async () => window.getByTestId('position-qty').textContent(), { timeout: 15_000 })
        .not.toBe('0');
      fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
      await window.screenshot({ path: path.join(repoRoot, 'test-results', 'electron-ladder.png') });
    } finally {
      await app.close();
    }
  });
});
