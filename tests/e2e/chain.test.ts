import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import { startServe } from '../../src/main/hosts/serve';
import type { ServeHandle } from '../../src/main/hosts/serve';
import type { Workstation } from '../../src/main/hosts/workstation';
import { chromiumMissingReason, launchChromium } from '../support/chromium';
import { repoRoot } from '../support/serveProcess';
import { clientFor, inMemoryTransport, startTestWorkstation } from '../support/workstation';

const artifactsDir = path.join(repoRoot, 'test-results');
const nseFixture = path.join(repoRoot, 'tests', 'fixtures', 'nse-nifty-chain', 'option_chain.json');
const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(`browser e2e tests need Chromium on CI: ${missing}`);

/**
 * Market time runs this much faster than the wall clock (settings market.speed), so a simulated hour
 * passes in one minute and `npm test` stays within its budget. Measured on the two-core machine: 60×
 * passes alone and beside a busy loop on one core (hour test 54–58 s); the core keeps up with the
 * built-in exchange's stream with room to spare (about a quarter of the two cores in use).
 */
const MARKET_SPEED = 60;
const HOUR_US = 3_600_000_000;

const TABS = [
  'Option chain',
  'Greeks & IV',
  'OI tracker',
  'Max pain',
  'Straddle',
  'Vol surface',
  'GEX',
  'IV smile',
  'OI profile',
] as const;

/**
 * The option chain window (issue 13) in Chromium against the browser-mode server: the built-in
 * exchange's chain with its summary and greeks, the nine views drawn from a simulated hour of it,
 * an NSE file imported from the page, and orders from the chain under the ARM switch.
 */
describe.skipIf(missing !== null)('chain window (serve + Chromium)', () => {
  let workstation: Workstation;
  let server: ServeHandle;
  let browser: Browser;
  let api: ClientOf<ApiContract>;
  let closeApi: () => Promise<void>;
  let page: Page;

  beforeAll(async () => {
    ({ workstation } = await startTestWorkstation({
      engine: { mode: 'off' },
      market: { speed: MARKET_SPEED },
    }));
    server = await startServe({
      router: workstation.router,
      rendererDir: path.join(repoRoot, 'out', 'renderer'),
    });
    const connection = await inMemoryTransport.connect(workstation);
    closeApi = connection.close;
    api = clientFor(connection.pipe);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url.replace(/#.*$/, '#/chain'));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await closeApi?.();
    await server?.close();
    await workstation?.close();
  });

  const shoot = async (name: string): Promise<void> => {
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, name), fullPage: true });
  };
  /** The live chain through the API, asked again while the core starts or its feed reconnects. */
  const liveChain = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await api.chain.getChain({});
      } catch (error) {
        if (attempt >= 30) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  };
  const figure = (key: string): Promise<string> =>
    page
      .getByTestId(`summary-${key}`)
      .textContent()
      .then((text) => text ?? '');
  /** Every chart in the open tab has plotted points (not just an empty frame). */
  const drawnCounts = async (): Promise<number[]> =>
    page
      .getByRole('tabpanel')
      .locator('svg[data-drawn]')
      .evaluateAll((charts) => charts.map((chart) => Number(chart.getAttribute('data-drawn'))));

  it('shows PCR, max pain, ATM IV and greeks for the built-in chain', async () => {
    await expect.poll(() => figure('pcrOi'), { timeout: 30_000 }).toMatch(/^\d+\.\d{2}$/);
    const chain = await liveChain();
    expect(await figure('maxPain')).toMatch(/^\d+$/);
    expect(chain.rows.map((row) => String(row.strike))).toContain(await figure('maxPain'));
    expect(await figure('atmIv')).toMatch(/^\d+\.\d{2}$/);
    expect(await figure('straddle')).toMatch(/^\d+\.\d{2}$/);
    const table = page.getByRole('table', { name: `NIFTY ${chain.expiry} option chain` });
    const atmRow = table.locator('tr[aria-current="true"]');
    await expect.poll(() => atmRow.count()).toBe(1);
    const cells = await atmRow.locator('td').allTextContents();
    // CE delta (5th column) and PE delta (5th from the right) near ±0.5 at the money.
    expect(Number(cells[4])).toBeGreaterThan(0.3);
    expect(Number(cells.at(-5))).toBeLessThan(-0.3);
    await shoot('chain-built-in.png');
  });

  it('with ARM off a click on a price places nothing; armed, the ask buys; LTP opens a ladder', async () => {
    const chain = await liveChain();
    const atm = chain.rows.find((row) => row.strike === chain.summary.atmStrike);
    const symbol = atm?.ce?.symbol;
    if (!symbol) throw new Error('the ATM call has no tradable contract');
    const before = (await api.orders.list({})).length;
    const buy = page.getByRole('button', { name: new RegExp(`^Buy ${symbol} at `) });
    await buy.click();
    await shoot('chain-arm-off.png');
    await expect.poll(() => page.getByTestId('last-error').textContent()).toMatch(/Buy refused: ARM is off/);
    expect((await api.orders.list({})).length).toBe(before);

    await page.getByRole('switch', { name: 'Arm' }).click();
    await buy.click();
    await expect
      .poll(async () => (await api.orders.list({})).filter((order) => order.symbol === symbol).length)
      .toBe(1);
    const order = (await api.orders.list({})).find((candidate) => candidate.symbol === symbol);
    expect(order).toMatchObject({ side: 'buy', type: 'limit' });
    await page.getByRole('switch', { name: 'Arm' }).click();

    const [ladder] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: `Open ${symbol} in a ladder` }).click(),
    ]);
    expect(ladder.url()).toContain(`#/ladder?symbol=${encodeURIComponent(symbol)}`);
    // The ladder window opens on that contract alone.
    await expect
      .poll(() => ladder.getByTestId('ladder-symbol').getAttribute('title'), { timeout: 30_000 })
      .toBe(symbol);
    expect(await ladder.getByRole('region', { name: 'PE ladder' }).count()).toBe(0);
    await ladder.close();
  });

  it('each of the nine views draws from the built-in chain over a simulated hour', async () => {
    const { expiry } = await liveChain();
    let samplesInHour = 0;
    await expect
      .poll(
        async () => {
          const samples = (await api.chain.getHistory({ underlying: 'NIFTY', expiry })).samples;
          samplesInHour = samples.length;
          return samples.length < 2 ? 0 : samples[samples.length - 1].tsUs - samples[0].tsUs;
        },
        { timeout: 1_080_000, interval: 5000 },
      )
      .toBeGreaterThanOrEqual(HOUR_US);
    for (const tab of TABS) {
      await page.getByRole('tab', { name: tab }).click();
      expect(await page.getByRole('tab', { name: tab }).getAttribute('aria-selected')).toBe('true');
      if (tab === 'Option chain') {
        expect(await page.getByRole('tabpanel').locator('tbody tr').count()).toBeGreaterThan(10);
      } else {
        // The history is re-read every few seconds: wait until every chart of the view has plotted.
        await expect
          .poll(
            async () => {
              const counts = await drawnCounts();
              return counts.length > 0 && counts.every((count) => count > 1);
            },
            { timeout: 15_000 },
          )
          .toBe(true);
      }
      await shoot(`chain-view-${tab.replace(/\W+/g, '-').toLowerCase()}.png`);
    }
    // The over-time views plot the whole hour's samples (the page re-reads the history as it grows).
    await page.getByRole('tab', { name: 'Straddle' }).click();
    await expect
      .poll(async () => Math.min(...(await drawnCounts())), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(samplesInHour);
  }, 1_200_000);

  it('imports the NSE fixture from the page: PCR 0.73 and max pain 17100', async () => {
    await page.getByRole('tab', { name: 'Option chain' }).click();
    await page.getByLabel('Chain file').setInputFiles(nseFixture);
    await expect.poll(() => figure('pcrOi'), { timeout: 60_000 }).toBe('0.73');
    expect(await figure('maxPain')).toBe('17100');
    expect(await figure('spot')).toBe('17022.50');
    expect(await page.getByRole('combobox', { name: 'Expiry' }).inputValue()).toBe('2022-03-31');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'imported option_chain.json' }).count())
      .toBe(1);
    await shoot('chain-nse-import.png');
    await page.getByRole('tab', { name: 'Vol surface' }).click();
    await expect.poll(async () => (await drawnCounts())[0] ?? 0).toBeGreaterThan(100);
    await shoot('chain-nse-vol-surface.png');
  }, 120_000);

  it("a file that is not a chain is refused with the parser's message, naming the file", async () => {
    await page.getByLabel('Chain file').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"records": {"data": 5}}'),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'notes.json' });
    await expect
      .poll(() => alert.textContent(), { timeout: 20_000 })
      .toMatch(/notes\.json: NSE option chain: records\./);
    // The imported chain before it is still shown.
    expect(await figure('maxPain')).toBe('17100');
  });
});
