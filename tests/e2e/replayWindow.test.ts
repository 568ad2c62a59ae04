import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissingReason, launchChromium } from '../support/chromium';
import { writeExchangeRecording } from '../support/replayRecordings';
import { makeTempDir, repoRoot, startServeProcess } from '../support/serveProcess';
import type { ServeProcess } from '../support/serveProcess';

const artifactsDir = path.join(repoRoot, 'test-results');
const RECORDING = 'session-2026-01-06.sdrec';
const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(`browser e2e tests need Chromium on CI: ${missing}`);

describe.skipIf(missing !== null)('replay window (scalpdesk serve + Chromium)', () => {
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    // 35 minutes of the built-in exchange, recorded as the live recorder would, in the data dir's
    // recordings folder before the app starts: the Scalper preset trades on it once warm (seed 7).
    const dataDir = makeTempDir('e2e-replay');
    writeExchangeRecording(path.join(dataDir, 'recordings'), RECORDING, { minutes: 35 });
    [serve, browser] = await Promise.all([startServeProcess([], { dataDir }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('replays a recording: the replayed ladder moves, the run ends with results and is saved', async () => {
    const page = await browser.newPage({ viewport: { width: 760, height: 1100 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${serve.url.replace(/#.*$/, '')}#/replay`);

    const recordingSelect = page.getByTestId('replay-recording-select');
    await expect
      .poll(async () => recordingSelect.locator('option').allTextContents(), { timeout: 15_000 })
      .toContainEqual(expect.stringContaining(RECORDING));
    await recordingSelect.selectOption(RECORDING);
    await page.getByTestId('replay-preset').selectOption('Scalper');
    await page.getByTestId('replay-open').click();
    await expect.poll(() => page.getByTestId('replay-status').textContent()).toBe('ready');

    // Step: one event at a time.
    await page.getByTestId('replay-step').click();
    await expect.poll(() => page.getByTestId('replay-events').textContent()).toMatch(/^event 1 of /);
    await expect.poll(() => page.getByTestId('replay-status').textContent()).toBe('paused');

    // Follow the index's replayed book and play at 10×: its price changes as the tape plays.
    await page.getByTestId('replay-symbol-select').selectOption('NIFTY');
    await page.getByTestId('replay-speed-10').click();
    await page.getByTestId('replay-play').click();
    await expect.poll(() => page.getByTestId('replay-status').textContent()).toBe('playing');
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          const bid =
            (await page
              .getByTestId('replay-bid-price')
              .first()
              .textContent({ timeout: 1000 })
              .catch(() => '')) ?? '';
          const last = (await page.getByTestId('replay-last-price').textContent()) ?? '';
          if (/^\d+\.\d{2}$/.test(bid)) seen.add(`bid ${bid}`);
          if (/^\d+\.\d{2}$/.test(last)) seen.add(`last ${last}`);
          return seen.size;
        },
        { timeout: 15_000, interval: 100 },
      )
      .toBeGreaterThan(2);

    // Pause holds the tape.
    await page.getByTestId('replay-pause').click();
    await expect.poll(() => page.getByTestId('replay-status').textContent()).toBe('paused');

    // Jump to a time of day in the tape's zone (IST): the engine plays the events on the way.
    await page.getByTestId('replay-jump-input').fill('09:20:00');
    await page.getByTestId('replay-jump').click();
    await expect
      .poll(() => page.getByTestId('replay-time').textContent(), { timeout: 10_000 })
      .toMatch(/^09:19:5\d\.\d{3} Asia\/Kolkata$/);
    await expect.poll(() => page.getByTestId('replay-status').textContent()).toBe('paused');

    // As fast as possible to the end: the results panel, then the run in the saved-runs table.
    await page.getByTestId('replay-speed-max').click();
    await page.getByTestId('replay-play').click();
    await expect
      .poll(() => page.getByTestId('replay-status').textContent(), { timeout: 60_000 })
      .toBe('finished');
    await expect.poll(() => page.getByTestId('replay-results').isVisible()).toBe(true);
    const trades = Number(await page.getByTestId('result-trades').textContent());
    expect(trades).toBeGreaterThan(0);
    expect(await page.getByTestId('result-net-pnl').textContent()).toMatch(/^[+−]?[\d,]+\.\d{2}$/);
    expect(await page.getByTestId('result-win-rate').textContent()).toMatch(/^\d+\.\d%$/);
    await expect
      .poll(() => page.getByTestId('result-saved').textContent(), { timeout: 10_000 })
      .toBe('saved to the ledger');
    const runRow = page.getByTestId('replay-run-row').first();
    await expect.poll(async () => runRow.textContent(), { timeout: 10_000 }).toContain(RECORDING);
    const cells = await runRow.locator('td').allTextContents();
    expect(cells[1]).toBe(RECORDING);
    expect(cells[2]).toBe('Scalper');
    expect(Number(cells[3])).toBe(trades);

    // The replay chart followed the tape; going to a contract the replay account traded shows its
    // bars (from its first order) with the entry and exit fills as markers, listed under the chart.
    const traded = page.getByRole('group', { name: 'Traded symbols' }).getByRole('button').first();
    const tradedSymbol = (await traded.textContent()) ?? '';
    expect(tradedSymbol).toMatch(/^NIFTY-/);
    await traded.click();
    await expect.poll(() => page.getByTestId('replay-symbol-select').inputValue()).toBe(tradedSymbol);
    await expect
      .poll(
        async () =>
          Number(
            /· (\d+) bars/.exec((await page.getByTestId('replay-chart-bars').textContent()) ?? '')?.[1] ?? 0,
          ),
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('replay-fills').locator('li').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('replay-fills').locator('li').first().textContent()).toMatch(
      /^\d\d:\d\d:\d\d IST (BUY|SELL) \d+ @ \d+\.\d{2}$/,
    );
    const chart = page.getByRole('img', { name: `${tradedSymbol} chart` });
    await expect.poll(async () => Number(await chart.getAttribute('data-markers'))).toBeGreaterThanOrEqual(1);

    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, 'replay-window.png'), fullPage: true });

    // A missing file is refused with a clear message, and the finished replay stays as it was.
    await page.getByTestId('replay-path').fill('/no/such/tape.csv');
    await page.getByTestId('replay-open').click();
    await expect
      .poll(() => page.getByTestId('replay-error').textContent())
      .toContain('/no/such/tape.csv does not exist');
    expect(await page.getByTestId('replay-status').textContent()).toBe('finished');

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
