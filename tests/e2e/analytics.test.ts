import fs from 'node:fs';
import path from 'node:path';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import { chromiumMissingReason, launchChromium } from '../support/chromium';
import { makeTempDir, repoRoot, startServeProcess } from '../support/serveProcess';
import type { ServeProcess } from '../support/serveProcess';
import { clientFor, openWebSocketPipe } from '../support/workstation';
import { paperRoundTrip } from '../support/paperRoundTrips';

const artifactsDir = path.join(repoRoot, 'test-results');
/** A round trip through the host and the ledger, on a machine the test shares: bounded, not timed. */
const WAIT = { timeout: 15_000 };
const ROUND_TRIPS = 4;
const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(`browser e2e tests need Chromium on CI: ${missing}`);

/** `+1,234.50` / `−12.00` → minor units. */
const minorUnits = (text: string): number =>
  Math.round(Number(text.replace('−', '-').replace(/[+,]/g, '')) * 100);

/**
 * The analytics window (issue 13) in Chromium against `scalpdesk serve`: a few paper round trips in
 * the ledger, then their count, win rate, expectancy, drawdown and the equity curve on screen.
 */
describe.skipIf(missing !== null)('analytics window (scalpdesk serve + Chromium)', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let socket: WebSocket;
  let api: ClientOf<ApiContract>;

  beforeAll(async () => {
    const dataDir = makeTempDir('e2e-analytics');
    fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ market: { speed: 10 } }));
    [serve, browser] = await Promise.all([startServeProcess([], { dataDir }), launchChromium()]);
    const connection = await openWebSocketPipe(serve.origin, serve.token);
    socket = connection.socket;
    api = clientFor(connection.pipe);
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await browser?.close();
    await serve?.stop();
  });

  it('after a few paper trades shows their count, win rate, expectancy, drawdown and an equity curve', async () => {
    // Paper round trips on the built-in market: buy at the ask, sell at the bid a moment later.
    const options = (await api.market.listInstruments({})).filter(
      (instrument) => instrument.kind === 'option',
    );
    for (let trip = 0; trip < ROUND_TRIPS; trip++) {
      const option = options[trip % 2 === 0 ? 0 : options.length - 1];
      await paperRoundTrip(api, option);
    }

    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${serve.url.replace(/#.*$/, '')}#/analytics`);
    await expect
      .poll(
        () =>
          page
            .getByTestId('analytics-trades-count')
            .textContent()
            .catch(() => ''),
        WAIT,
      )
      .toBe(String(ROUND_TRIPS));

    // The figures agree with the trade list on screen: win rate, expectancy, drawdown from its rows.
    const rows = page.getByTestId('analytics-trade-row');
    expect(await rows.count()).toBe(ROUND_TRIPS);
    const pnls = (await rows.locator('td:last-child').allTextContents()).map(minorUnits);
    const wins = pnls.filter((pnl) => pnl > 0).length;
    expect(await page.getByTestId('analytics-win-rate').textContent()).toBe(
      `${((wins / ROUND_TRIPS) * 100).toFixed(1)}%`,
    );
    const expectancy = minorUnits((await page.getByTestId('analytics-expectancy').textContent()) ?? '');
    expect(
      Math.abs(expectancy - pnls.reduce((total, pnl) => total + pnl, 0) / ROUND_TRIPS),
    ).toBeLessThanOrEqual(1);
    let equity = 0;
    let peak = 0;
    let drawdown = 0;
    for (const pnl of [...pnls].reverse()) {
      equity += pnl;
      peak = Math.max(peak, equity);
      drawdown = Math.max(drawdown, peak - equity);
    }
    expect(
      Math.abs(minorUnits((await page.getByTestId('analytics-max-drawdown').textContent()) ?? '') + drawdown),
    ).toBe(0);

    // The equity curve is drawn (lightweight-charts' canvases) and names its trades.
    const chart = page.getByRole('img', { name: `Equity curve and drawdown over ${ROUND_TRIPS} trades` });
    await expect.poll(() => chart.locator('canvas').count(), WAIT).toBeGreaterThan(0);
    expect(await page.getByTestId('analytics-daily').locator('tbody tr').count()).toBe(1);

    // Filters narrow the trades: manual vs auto.
    await page.getByRole('combobox', { name: 'Manual / auto' }).selectOption('auto');
    await expect.poll(() => page.getByTestId('analytics-trades-count').textContent(), WAIT).toBe('0');
    await page.getByRole('combobox', { name: 'Manual / auto' }).selectOption('manual');
    await expect
      .poll(() => page.getByTestId('analytics-trades-count').textContent(), WAIT)
      .toBe(String(ROUND_TRIPS));

    // CSV export of a table downloads the rows shown.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Trades as CSV' }).click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8').trim().split('\r\n');
    expect(csv[0]).toMatch(/^tradeId,day,symbol,side,source/);
    expect(csv).toHaveLength(ROUND_TRIPS + 1);

    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'analytics-window.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
