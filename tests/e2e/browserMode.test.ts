import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissingReason, launchChromium } from '../support/chromium';
import { repoRoot, startServeProcess } from '../support/serveProcess';
import type { ServeProcess } from '../support/serveProcess';

const artifactsDir = path.join(repoRoot, 'test-results');
const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(`browser e2e tests need Chromium on CI: ${missing}`);

describe.skipIf(missing !== null)('browser mode (scalpdesk serve + Chromium)', () => {
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    serve = await startServeProcess();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('shows a live ladder, buys at market, and the fill is in the SQLite ledger', async () => {
    const page = await browser.newPage({ viewport: { width: 560, height: 820 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);

    // Live prices: the best ask changes over time while we watch.
    const bestAsk = page.getByTestId('ask-price').last();
    await expect
      .poll(async () => (await bestAsk.textContent()) ?? '', { timeout: 20_000 })
      .toMatch(/^\d+\.\d{2}$/);
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          seen.add((await bestAsk.textContent()) ?? '');
          return seen.size;
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('bid-row').count()).toBe(5);
    await expect.poll(() => page.getByTestId('ask-row').count()).toBe(5);

    const symbol = await page.getByTestId('symbol-select').inputValue();
    await page.getByTestId('buy').click();
    await expect
      .poll(async () => page.getByTestId('position-qty').textContent(), { timeout: 15_000 })
      .not.toBe('0');
    const shownQuantity = Number(await page.getByTestId('position-qty').textContent());
    expect(shownQuantity).toBeGreaterThan(0);
    expect(await page.getByTestId('position-avg').textContent()).toMatch(/^\d+\.\d{2}$/);

    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'ladder-after-buy.png') });

    // The e2e test's own query against the ledger file: the fill the window shows is durable.
    const db = new Database(path.join(serve.dataDir, 'scalpdesk.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const row = db
        .prepare(
          "SELECT COALESCE(SUM(quantity), 0) AS quantity, COUNT(*) AS fills FROM fills WHERE symbol = ? AND side = 'buy'",
        )
        .get(symbol) as { quantity: number; fills: number };
      expect(row.fills).toBeGreaterThan(0);
      expect(row.quantity).toBe(shownQuantity);
    } finally {
      db.close();
    }
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('a bracket buy shows its TP/SL group held at the broker, a working exit, and Cancel retires it', async () => {
    const page = await browser.newPage({ viewport: { width: 560, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
    const bestAsk = page.getByTestId('ask-price').last();
    await expect
      .poll(async () => (await bestAsk.textContent()) ?? '', { timeout: 20_000 })
      .toMatch(/^\d+\.\d{2}$/);
    // A quarter of the price away in 0.05 ticks: inside the price band, far from triggering meanwhile.
    const ticks = Math.max(2, Math.floor((Number(await bestAsk.textContent()) * 0.25) / 0.05));
    await page.getByTestId('bracket-tp').fill(String(ticks));
    await page.getByTestId('bracket-sl').fill(String(ticks));
    // The engine is off by default: nothing to hand over to.
    await expect.poll(() => page.getByTestId('hand-over').isDisabled()).toBe(true);
    expect(await page.getByTestId('hand-over').getAttribute('title')).toMatch(/engine is off/);

    await page.getByTestId('buy-bracket').click();
    const row = page.getByTestId('group-row').first();
    await expect
      .poll(async () => row.getByTestId('group-state').textContent(), { timeout: 15_000 })
      .toBe('active');
    expect(await row.getByTestId('group-at-broker').textContent()).toBe('at broker');
    // Its take-profit and stop-loss rest at the broker: the working-orders table lists them.
    await expect.poll(() => page.getByTestId('working-order-row').count(), { timeout: 10_000 }).toBe(2);
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'ladder-bracket.png'), fullPage: true });

    await row.getByTestId('cancel-group').click();
    await expect
      .poll(async () => row.getByTestId('group-state').textContent(), { timeout: 10_000 })
      .toBe('cancelled');
    await expect.poll(() => page.getByTestId('working-order-row').count(), { timeout: 10_000 }).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('refuses a wrong token, a missing token, and another Origin', async () => {
    const wrong = new URL(serve.url);
    wrong.searchParams.set('token', 'not-the-token');
    const page = await browser.newPage();
    const response = await page.goto(wrong.href);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('Unauthorized');
    await page.close();

    const bare = await fetch(`${serve.origin}/`);
    expect(bare.status).toBe(401);
    const foreign = await fetch(`${serve.origin}/?token=${serve.token}`, {
      headers: { Origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });
});
