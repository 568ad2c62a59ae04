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

  it('shows a live ladder, buys at market once armed, and the fill is in the SQLite ledger', async () => {
    const page = await browser.newPage({ viewport: { width: 560, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
    const call = page.getByRole('region', { name: 'CE ladder' });

    // Live prices: the best ask changes over time while we watch.
    const bestAsk = call.locator('tr.best-ask td.price');
    await expect
      .poll(async () => ((await bestAsk.count()) > 0 ? ((await bestAsk.textContent()) ?? '') : ''), {
        timeout: 20_000,
      })
      .toMatch(/\d+\.\d{2}$/);
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          seen.add((await call.locator('tr.best-ask td.price').textContent()) ?? '');
          return seen.size;
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBeGreaterThan(1);
    // Five levels a side on the fixed axis.
    await expect.poll(() => call.locator('td.bid-size .cell:not(:empty)').count()).toBe(5);
    await expect.poll(() => call.locator('td.ask-size .cell:not(:empty)').count()).toBe(5);

    const symbol = (await call.getByTestId('ladder-symbol').getAttribute('title')) ?? '';
    await page.getByRole('switch', { name: 'Arm' }).click();
    await call.getByRole('button', { name: 'Buy', exact: true }).click();
    const row = page.locator(`[data-testid="position-row"][data-symbol="${symbol}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    const shownQuantity = Number(
      ((await row.locator('td').nth(2).textContent()) ?? '').replace(/[^0-9]/g, ''),
    );
    expect(shownQuantity).toBeGreaterThan(0);
    expect(await row.locator('td').nth(3).textContent()).toMatch(/^\d+\.\d{2}$/);

    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'ladder-after-buy.png') });

    // The e2e test's own query against the ledger file: the fill the window shows is durable.
    const db = new Database(path.join(serve.dataDir, 'scalpdesk.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const fills = db
        .prepare(
          "SELECT COALESCE(SUM(quantity), 0) AS quantity, COUNT(*) AS fills FROM fills WHERE symbol = ? AND side = 'buy'",
        )
        .get(symbol) as { quantity: number; fills: number };
      expect(fills.fills).toBeGreaterThan(0);
      expect(fills.quantity).toBe(shownQuantity);
    } finally {
      db.close();
    }
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('a buy with default TP/SL shows its group held at the broker, the working exits, and Cancel retires it', async () => {
    const page = await browser.newPage({ viewport: { width: 560, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.url);
    const call = page.getByRole('region', { name: 'CE ladder' });
    const bestAsk = call.locator('tr.best-ask td.price');
    await bestAsk.waitFor({ timeout: 20_000 });
    // A quarter of the price away in 0.05 ticks: inside the price band, far from triggering meanwhile.
    const askPrice = Number(((await bestAsk.textContent()) ?? '').replace(/[^0-9.]/g, ''));
    const ticks = Math.max(2, Math.floor((askPrice * 0.25) / 0.05));
    await page.getByRole('textbox', { name: 'TP ticks' }).fill(String(ticks));
    await page.getByRole('textbox', { name: 'SL ticks' }).fill(String(ticks));
    await page.getByRole('switch', { name: 'Arm' }).click();
    await call.getByRole('button', { name: 'Buy', exact: true }).click();

    await page.getByText('Working orders and TP/SL groups').click();
    const row = page.getByTestId('group-row').first();
    await expect
      .poll(async () => row.getByTestId('group-state').textContent(), { timeout: 15_000 })
      .toBe('active');
    expect(await row.getByTestId('group-at-broker').textContent()).toBe('at broker');
    // Its take-profit and stop-loss rest at the broker: the working-orders table lists them, and
    // the ladder shows them as TP/SL marks (off its rows here: a quarter of the price away).
    await expect.poll(() => page.getByTestId('working-order-row').count(), { timeout: 10_000 }).toBe(2);
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'ladder-bracket.png'), fullPage: true });

    await row.getByTestId('cancel-group').click();
    await expect
      .poll(async () => row.getByTestId('group-state').textContent(), { timeout: 10_000 })
      .toBe('cancelled');
    await expect.poll(() => page.getByTestId('working-order-row').count(), { timeout: 10_000 }).toBe(0);
    // Leave no default exits behind for other pages of this browser.
    await page.getByRole('textbox', { name: 'TP ticks' }).fill('');
    await page.getByRole('textbox', { name: 'SL ticks' }).fill('');
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
