import fs from 'node:fs';
import path from 'node:path';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import { chromiumMissingReason, launchChromium } from '../support/chromium';
import { makeTempDir, repoRoot, startServeProcess } from '../support/serveProcess';
import type { ServeProcess } from '../support/serveProcess';
import { buyOneLotAndWaitForFill, clientFor, openWebSocketPipe, waitFor } from '../support/workstation';
import { BUSY_MACHINE_MS } from '../support/paperRoundTrips';

const artifactsDir = path.join(repoRoot, 'test-results');
/** A round trip through the host and the core, on a machine the test shares: bounded, not timed. */
const WAIT = { timeout: 15_000 };
const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(`browser e2e tests need Chromium on CI: ${missing}`);

/**
 * The auto-trade window (issue 13) in Chromium against `scalpdesk serve`: shadow decisions with the
 * gate that blocked them, handing a position back from the engine, the kill switch flattening an
 * engine position, the schema-built editor
 * refusing an out-of-range value.
 */
describe.skipIf(missing !== null)('auto-trade window (scalpdesk serve + Chromium)', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let socket: WebSocket;
  let api: ClientOf<ApiContract>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The built-in exchange at 20× (a Tuesday, NIFTY 0DTE): candidates come within seconds of market
    // time; the engine starts off on the Scalper preset and the test switches it from the window.
    const dataDir = makeTempDir('e2e-auto');
    fs.writeFileSync(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ market: { speed: 20 }, engine: { mode: 'off', preset: 'Scalper' } }),
    );
    [serve, browser] = await Promise.all([startServeProcess([], { dataDir }), launchChromium()]);
    const connection = await openWebSocketPipe(serve.origin, serve.token);
    socket = connection.socket;
    api = clientFor(connection.pipe);
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${serve.url.replace(/#.*$/, '')}#/auto`);
  }, 90_000);
  afterAll(async () => {
    socket?.close();
    await browser?.close();
    await serve?.stop();
  });

  const shot = async (name: string): Promise<void> => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, name), fullPage: true });
  };

  it('switching to shadow shows decisions arriving, each blocked one naming its gate', async () => {
    await expect.poll(() => page.getByTestId('auto-engine-state').textContent(), WAIT).toBe('stopped');
    await page.getByRole('radio', { name: 'Shadow' }).click();
    await expect
      .poll(() => page.getByTestId('auto-engine-state').textContent(), WAIT)
      .toBe('running · shadow');
    expect(await page.getByRole('radio', { name: 'Shadow' }).getAttribute('aria-checked')).toBe('true');

    // Blocked entries name the gate(s) that blocked them; the gate board shows the same verdicts.
    await page.getByRole('combobox', { name: 'Filter by outcome' }).selectOption('blocked');
    const firstResult = page.getByTestId('auto-decision-result').first();
    await expect
      .poll(() => firstResult.textContent().catch(() => ''), { timeout: 40_000 })
      .toMatch(/^[a-zA-Z]+/);
    const blockedBy = ((await firstResult.textContent()) ?? '').split(', ');
    const gateNames = await page
      .locator('[data-testid="auto-gate-board"] tbody tr td:first-child')
      .allTextContents();
    expect(gateNames.length).toBeGreaterThanOrEqual(25);
    for (const gate of blockedBy) expect(gateNames).toContain(gate);
    await expect
      .poll(() => page.locator('[data-testid="auto-gate-board"] tr.gate-block').count(), WAIT)
      .toBeGreaterThan(0);
    expect(await page.getByTestId('auto-regime').textContent()).toMatch(/^(trend|range|volatile|unknown)$/);

    // The full record: every gate verdict, the indicator snapshot and the options context.
    await page.getByTestId('auto-decision-row').first().getByRole('button').click();
    const record = page.getByTestId('decision-record');
    await expect.poll(() => record.textContent(), WAIT).toContain('Indicators');
    expect(await record.textContent()).toContain('Options context');
    await shot('auto-shadow.png');
    await page
      .getByRole('button', { name: /^Full record of/ })
      .first()
      .click();
    await page.getByRole('combobox', { name: 'Filter by outcome' }).selectOption('all');
  });

  it('the kill switch flattens the engine position and sets the engine off', async () => {
    await page.getByRole('radio', { name: 'Paper' }).click();
    await expect
      .poll(async () => `${await page.getByRole('region', { name: 'Engine mode' }).textContent()}`, WAIT)
      .toContain('running · paper');

    // A manual long, handed to the engine from this window: an engine position under its exits.
    const instruments = await api.market.listInstruments({});
    const option = instruments.find((instrument) => instrument.kind === 'option');
    if (!option) throw new Error('no option instrument');
    await waitFor(
      api.market.onLadder,
      { symbol: option.symbol },
      (view) => view.bids.length > 0 && view.asks.length > 0,
      BUSY_MACHINE_MS,
    );
    await buyOneLotAndWaitForFill(api, option, BUSY_MACHINE_MS);
    const handOver = page.getByRole('button', { name: 'Hand to engine' });
    await expect.poll(() => handOver.isEnabled().catch(() => false), WAIT).toBe(true);
    await handOver.click();
    const engineRow = page.getByTestId('auto-position-row');
    await expect
      .poll(
        () =>
          engineRow
            .first()
            .textContent()
            .catch(() => ''),
        WAIT,
      )
      .toContain(option.symbol);
    expect(await engineRow.first().textContent()).toContain('handed over');
    expect(await page.getByTestId('auto-time-exit').first().textContent()).toMatch(/^(−?\d+:\d{2}|off)$/);
    await shot('auto-position.png');

    // Hand back: the engine lets go; the row leaves the engine's rows and is the trader's again.
    const engineRowOf = page.getByTestId('auto-position-row').filter({ hasText: option.symbol });
    await page.getByRole('button', { name: `Take back ${option.symbol} from the engine` }).click();
    await expect.poll(() => engineRowOf.count(), WAIT).toBe(0);
    const manualRow = page.locator('tr.manual-row').filter({ hasText: option.symbol });
    const handOverAgain = manualRow.getByRole('button', { name: 'Hand to engine' });
    await expect.poll(() => handOverAgain.isEnabled().catch(() => false), WAIT).toBe(true);
    expect(await manualRow.textContent()).toContain('manual');
    expect((await api.engine.getStatus({})).positions.map((held) => held.symbol)).not.toContain(
      option.symbol,
    );
    expect(
      (await api.positions.list({})).filter(
        (position) => position.symbol === option.symbol && position.quantity !== 0,
      ),
    ).toMatchObject([{ source: 'manual', quantity: option.lotSize }]);
    await shot('auto-hand-back.png');
    // Handed over once more, for the kill switch below.
    await handOverAgain.click();
    await expect.poll(() => engineRowOf.count(), WAIT).toBe(1);

    await page.getByRole('button', { name: 'Kill switch' }).click();
    await expect.poll(() => page.getByTestId('auto-engine-state').textContent(), WAIT).toBe('KILLED');
    await expect
      .poll(() => page.getByRole('radio', { name: 'Off' }).getAttribute('aria-checked'), WAIT)
      .toBe('true');
    await expect
      .poll(() => page.getByTestId('auto-positions').textContent(), WAIT)
      .toContain('the engine holds nothing');
    await expect
      .poll(async () => (await api.positions.list({})).filter((position) => position.quantity !== 0).length, {
        timeout: 15_000,
      })
      .toBe(0);
    const status = await api.engine.getStatus({});
    expect(status).toMatchObject({ mode: 'off', killed: true, positions: [] });
    await shot('auto-killed.png');

    await page.getByRole('button', { name: 'Re-arm' }).click();
    await expect.poll(() => page.getByTestId('auto-engine-state').textContent(), WAIT).toBe('stopped');
  });

  it('an out-of-range edit shows the field’s message beside it and saves nothing', async () => {
    await page.getByRole('textbox', { name: 'Find a field' }).fill('minScore');
    const field = page.getByRole('textbox', { name: 'gates.minScore.minScore' });
    await expect.poll(() => field.isVisible(), WAIT).toBe(true);
    await field.fill('250');
    const row = page.getByTestId('config-field').filter({ has: field });
    await expect
      .poll(() => row.getByTestId('config-field-message').textContent(), WAIT)
      .toBe('must be at most 100');
    expect(await row.textContent()).toContain('0 – 100');
    const save = page.getByRole('button', { name: /^Save as v/ });
    expect(await save.isDisabled()).toBe(true);
    await save.click({ force: true });
    expect(await page.getByTestId('config-diff-count').textContent()).toContain('1 invalid');
    await shot('auto-config-invalid.png');
    expect((await api.engine.listPresets({})).some((preset) => preset.origin === 'saved')).toBe(false);
    expect(fs.existsSync(path.join(serve.dataDir, 'presets'))).toBe(false);

    // A value in range is saved as the next version, shown with the diff against the preset.
    const before = (await api.engine.getStatus({})).preset.version;
    await field.fill('61');
    await expect.poll(() => row.textContent(), WAIT).toMatch(/was \d+/);
    await save.click();
    await expect
      .poll(() => page.getByTestId('config-saved').textContent(), WAIT)
      .toMatch(new RegExp(`^saved Scalper v${before + 1}`));
    expect(fs.readdirSync(path.join(serve.dataDir, 'presets'))).toEqual([`Scalper.v${before + 1}.json`]);
    expect(pageErrors).toEqual([]);
  });
});
