import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { InstrumentView, OrderView } from '../../src/shared/api/views';
import { chromiumMissingReason, launchChromium } from '../support/chromium';
import { connectToServe } from '../support/serveApi';
import { repoRoot, startServeProcess } from '../support/serveProcess';
import type { ServeProcess } from '../support/serveProcess';

const artifactsDir = path.join(repoRoot, 'test-results');
const missing = chromiumMissingReason();
if (missing && process.env.CI) throw new Error(`browser e2e tests need Chromium on CI: ${missing}`);
const WORKING = new Set(['new', 'submitted', 'accepted', 'partiallyFilled']);

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, name) });
}

/** The ladder window with live books in its CE (and PE) ladder. */
async function openLadder(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  const call = page.getByRole('region', { name: 'CE ladder' });
  await call.locator('tr.best-bid td.bid-size').waitFor({ timeout: 20_000 });
  await call.locator('tr.best-ask td.ask-size').waitFor({ timeout: 20_000 });
  return call;
}

async function symbolOf(region: Locator): Promise<string> {
  return (await region.getByTestId('ladder-symbol').getAttribute('title')) ?? '';
}

/** A row's price in price units, from its text (the last-trade marker stripped). */
async function rowPriceUnits(row: Locator, decimals: number): Promise<number> {
  const text = ((await row.getByTestId('row-price').textContent()) ?? '').replace(/[^0-9.]/g, '');
  return Math.round(Number(text) * 10 ** decimals);
}

describe.skipIf(missing !== null)('the scalping ladder (scalpdesk serve + Chromium)', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let api: ClientOf<ApiContract>;
  let closeApi: () => void;
  let instruments: InstrumentView[];
  let page: Page;
  let call: Locator;

  const manualOrders = async (symbol?: string): Promise<OrderView[]> =>
    (await api.orders.list({})).filter(
      (order) => order.source === 'manual' && (symbol === undefined || order.symbol === symbol),
    );
  const instrument = (symbol: string): InstrumentView => {
    const found = instruments.find((candidate) => candidate.symbol === symbol);
    if (!found) throw new Error(`no instrument ${symbol}`);
    return found;
  };
  const arm = async (on: boolean): Promise<void> => {
    const toggle = page.getByRole('switch', { name: 'Arm' });
    if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe(String(on));
    // Keys go to the page, not to the switch: focus nothing in particular.
    await page.getByTestId('index-strip').click();
  };

  beforeAll(async () => {
    serve = await startServeProcess();
    browser = await launchChromium();
    ({ api, close: closeApi } = await connectToServe(serve));
    instruments = await api.market.listInstruments({});
    page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    page.on('pageerror', (error) => {
      throw error;
    });
    call = await openLadder(page, serve.url);
  });
  afterAll(async () => {
    closeApi?.();
    await browser?.close();
    await serve?.stop();
  });

  it('with ARM off, B and a click in the bid column place nothing', async () => {
    const before = (await manualOrders()).length;
    expect(await page.getByRole('switch', { name: 'Arm' }).getAttribute('aria-checked')).toBe('false');
    expect(await call.getByRole('button', { name: 'Buy', exact: true }).isDisabled()).toBe(true);
    await page.getByTestId('index-strip').click();
    await page.keyboard.press('b');
    await expect.poll(() => page.getByTestId('last-error').textContent()).toMatch(/Buy refused: ARM is off/);
    await page.getByTestId('last-error').click();
    await expect.poll(() => page.getByTestId('last-error').count()).toBe(0);
    await call.locator('tr.best-bid td.bid-size').click();
    // The refusal is decided in the page before anything is sent; it shows again for the click.
    await expect.poll(() => page.getByTestId('last-error').count()).toBe(1);
    expect(await page.getByTestId('last-error').textContent()).toMatch(/Buy refused: ARM is off/);
    await screenshot(page, 'ladder-disarmed.png');
    expect((await manualOrders()).length).toBe(before);
  });

  it('armed: holding B sends exactly one order, Ctrl+S none, S one', async () => {
    const symbol = await symbolOf(call);
    const before = await manualOrders(symbol);
    await arm(true);
    // Holding the key: the first keydown and then auto-repeats (Playwright marks repeated downs so).
    for (let press = 0; press < 6; press++) await page.keyboard.down('b');
    await page.keyboard.up('b');
    await page.keyboard.press('Control+s');
    await page.keyboard.press('s');
    // One socket, in order: once the sell is there, any extra buy would be there too.
    const isNew = (order: OrderView): boolean => !before.some((old) => old.orderId === order.orderId);
    await expect
      .poll(
        async () =>
          (await manualOrders(symbol)).filter((order) => isNew(order) && order.side === 'sell').length,
        {
          timeout: 10_000,
        },
      )
      .toBe(1);
    const placed = (await manualOrders(symbol)).filter(isNew);
    expect(placed.filter((order) => order.side === 'buy')).toHaveLength(1);
    expect(placed.filter((order) => order.side === 'sell')).toHaveLength(1);
    expect(
      placed.every((order) => order.type === 'market' && order.quantity === instrument(symbol).lotSize),
    ).toBe(true);
    await screenshot(page, 'ladder-armed-hotkeys.png');
  });

  it('lots out of range are refused with the limit named and place nothing, never changed silently', async () => {
    const symbol = await symbolOf(call);
    const contract = instrument(symbol);
    const freezeLots = Math.floor(contract.freezeQuantity / contract.lotSize);
    const before = (await manualOrders(symbol)).length;
    await arm(true);
    const lots = page.getByRole('textbox', { name: 'Lots' });
    const buy = call.getByRole('button', { name: 'Buy', exact: true });
    // Above the maximum: the smaller of settings' 100 and the contract's freeze quantity in lots.
    await lots.fill('500');
    const maximum = contract.freezeQuantity > 0 ? Math.min(100, freezeLots) : 100;
    await expect
      .poll(() => page.getByTestId('lots-problem').textContent())
      .toMatch(new RegExp(`Lots: 500 is above the maximum ${maximum} \\(`));
    expect(await lots.inputValue()).toBe('500');
    await screenshot(page, 'ladder-lots-refused.png');
    await buy.click();
    await expect.poll(() => page.getByTestId('last-error').textContent()).toMatch(/Buy refused: Lots: 500/);
    for (const [text, problem] of [
      ['0', /Buy refused: Lots: 0 is below the minimum 1/],
      ['-3', /Buy refused: Lots: "-3" is not a whole number/],
    ] as const) {
      await lots.fill(text);
      // Keys typed in the field never trade: leave it, then press B.
      await lots.blur();
      await page.keyboard.press('b');
      await expect.poll(() => page.getByTestId('last-error').textContent()).toMatch(problem);
      expect(await lots.inputValue()).toBe(text);
    }
    expect((await manualOrders(symbol)).length).toBe(before);
    await lots.fill('1');
    await expect.poll(() => page.getByTestId('lots-problem').count()).toBe(0);
  });

  it('a click in the bid column places a limit at that row, and dragging it to another row modifies it', async () => {
    const symbol = await symbolOf(call);
    const { priceDecimals } = instrument(symbol);
    await arm(true);
    // R re-centres the axis on the market, so rows below the bid are on screen. The market may move
    // between the key and the read (or the bid may be off the book for a moment): R again until the
    // best bid shows with rows to spare below it.
    const rows = await call.getByTestId('ladder-row').count();
    // Well under the market, so it rests while we drag it: the third row from the bottom.
    const placedRow = rows - 3;
    await expect
      .poll(
        async () => {
          await page.keyboard.press('r');
          const bestBid = call.locator('tr.best-bid');
          if ((await bestBid.count()) === 0) return false;
          return placedRow > Number(await bestBid.getAttribute('data-row')) + 5;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    const row = call.locator(`tr[data-row="${placedRow}"]`);
    const price = await rowPriceUnits(row, priceDecimals);
    await row.locator('td.bid-size').click();
    await expect
      .poll(
        async () =>
          (await manualOrders(symbol)).find(
            (order) => order.type === 'limit' && order.limitPrice === price && order.status === 'accepted',
          )?.orderId,
        { timeout: 10_000 },
      )
      .toBeTruthy();
    const order = (await manualOrders(symbol)).find((candidate) => candidate.limitPrice === price);
    if (!order) throw new Error('the limit order is not listed');
    expect(order.side).toBe('buy');
    expect(order.quantity).toBe(instrument(symbol).lotSize);

    const mark = call.locator(`[data-mark="${order.orderId}"]`);
    await expect.poll(() => mark.count()).toBe(1);
    const markRow = Number(
      await call
        .locator('tr', { has: page.locator(`[data-mark="${order.orderId}"]`) })
        .getAttribute('data-row'),
    );
    const targetRow = markRow - 2;
    const target = call.locator(`tr[data-row="${targetRow}"]`);
    const targetPrice = await rowPriceUnits(target, priceDecimals);
    await mark.dragTo(target.locator('td.buy'));
    await expect
      .poll(
        async () =>
          (await api.orders.list({})).find((candidate) => candidate.orderId === order.orderId)?.limitPrice,
        { timeout: 10_000 },
      )
      .toBe(targetPrice);
    const moved = (await api.orders.list({})).find((candidate) => candidate.orderId === order.orderId);
    expect(WORKING.has(moved?.status ?? '')).toBe(true);
    await expect.poll(() => target.locator(`[data-mark="${order.orderId}"]`).count()).toBe(1);
    await screenshot(page, 'ladder.png');
  });

  it('F7 cancels every working order', async () => {
    const symbol = await symbolOf(call);
    const put = await symbolOf(page.getByRole('region', { name: 'PE ladder' }));
    // Two more resting orders, in the other contract too, far below the market (with the dragged one
    // when it has not filled meanwhile).
    for (const contract of [symbol, put]) {
      const view = await new Promise<number>((resolve) => {
        const off = api.market.onLadder({ symbol: contract }, (next) => {
          if (next.bids.length === 0) return;
          queueMicrotask(off);
          resolve(next.bids[0].price);
        });
      });
      const tick = instrument(contract).tickUnits;
      const result = await api.orders.place({
        symbol: contract,
        side: 'buy',
        type: 'limit',
        quantity: instrument(contract).lotSize,
        limitPrice: Math.max(tick, view - 40 * tick),
      });
      expect(result.status).not.toBe('rejected');
    }
    await expect
      .poll(async () => (await manualOrders()).filter((order) => WORKING.has(order.status)).length, {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(2);
    await arm(false);
    await page.keyboard.press('F7');
    await expect
      .poll(async () => (await api.orders.list({})).filter((order) => WORKING.has(order.status)).length, {
        timeout: 10_000,
      })
      .toBe(0);
    await expect.poll(() => call.getByTestId('order-mark').count()).toBe(0);
  });

  it('the positions panel lists two symbols at once, and F6 flattens every position', async () => {
    const symbol = await symbolOf(call);
    const put = await symbolOf(page.getByRole('region', { name: 'PE ladder' }));
    for (const contract of [symbol, put]) {
      const result = await api.orders.place({
        symbol: contract,
        side: 'buy',
        type: 'market',
        quantity: instrument(contract).lotSize,
        timeInForce: 'IOC',
      });
      expect(result.status).not.toBe('rejected');
    }
    const panel = page.getByRole('region', { name: 'Positions' });
    await expect
      .poll(
        async () =>
          (
            await panel
              .getByTestId('position-row')
              .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-symbol')))
          ).sort(),
        {
          timeout: 15_000,
        },
      )
      .toEqual(expect.arrayContaining([symbol, put]));
    // Each row is marked at the bid (a long's exit), not at the last trade.
    await expect
      .poll(() => panel.locator('tr[data-testid="position-row"] sub').first().textContent())
      .toBe('b');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(artifactsDir, 'positions.png') });

    await arm(false);
    await page.keyboard.press('F6');
    await expect
      .poll(async () => (await api.positions.list({})).filter((position) => position.quantity !== 0).length, {
        timeout: 15_000,
      })
      .toBe(0);
    await expect.poll(() => panel.getByTestId('position-row').count(), { timeout: 10_000 }).toBe(0);
  });

  it('the kill switch button stops the engine, cancels and flattens', async () => {
    await api.engine.setMode({ mode: 'shadow' });
    const symbol = await symbolOf(call);
    await api.orders.place({
      symbol,
      side: 'buy',
      type: 'market',
      quantity: instrument(symbol).lotSize,
      timeInForce: 'IOC',
    });
    await expect
      .poll(async () => (await api.positions.list({})).some((position) => position.quantity !== 0), {
        timeout: 15_000,
      })
      .toBe(true);
    await page.getByRole('button', { name: 'Kill switch' }).click();
    await expect.poll(async () => (await api.engine.getStatus({})).killed, { timeout: 10_000 }).toBe(true);
    await expect
      .poll(async () => (await api.positions.list({})).filter((position) => position.quantity !== 0).length, {
        timeout: 15_000,
      })
      .toBe(0);
    await expect.poll(() => page.getByTestId('status-bar').textContent()).toMatch(/engine off KILLED/);
    await screenshot(page, 'ladder-killed.png');
    await api.engine.rearm({});
  });
});

describe.skipIf(missing !== null)('host loss and reconnect (scalpdesk serve + Chromium)', () => {
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

  it('stopping the host disables Buy/Sell at once with a banner; restarting it reconnects the same page', async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 860 } });
    const call = await openLadder(page, serve.url);
    const buy = call.getByRole('button', { name: 'Buy', exact: true });
    const sell = call.getByRole('button', { name: 'Sell', exact: true });
    await page.getByRole('switch', { name: 'Arm' }).click();
    await expect.poll(() => buy.isEnabled()).toBe(true);
    // Marks this document: a reload (or an error page) would lose it.
    await page.locator('html').evaluate((root) => root.setAttribute('data-e2e-page', 'same'));
    await screenshot(page, 'ladder-420.png');

    const port = Number(new URL(serve.origin).port);
    await serve.stop();
    // The bound: trading controls off within a second of the host going away.
    await expect.poll(() => buy.isDisabled(), { timeout: 1_000, interval: 50 }).toBe(true);
    expect(await sell.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Flatten all' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('host-banner').textContent()).toMatch(/Host connection lost/);
    expect(await page.getByRole('switch', { name: 'Arm' }).getAttribute('aria-checked')).toBe('false');
    await screenshot(page, 'ladder-host-lost.png');

    serve = await startServeProcess([], { dataDir: serve.dataDir, port });
    await expect
      .poll(() => page.getByTestId('host-state').textContent(), { timeout: 20_000 })
      .toBe('host connected');
    expect(await page.getByTestId('host-banner').count()).toBe(0);
    expect(await page.locator('html').getAttribute('data-e2e-page')).toBe('same');
    // Books flow again and, once re-armed, Buy works again.
    await expect.poll(() => call.locator('tr.best-ask td.ask-size').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('switch', { name: 'Arm' }).click();
    await expect.poll(() => buy.isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.close();
  });
});
