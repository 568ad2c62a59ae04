import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type * as Playwright from 'playwright-core';
import { APP_VERSION, builtPaths } from '../platform/appInfo';
import { settingsSchema } from '../platform/settings';
import { startServe } from '../hosts/serve';
import { startWorkstation } from '../hosts/workstation';
import { traceMainThread } from './rendererTrace';
import type { BenchOptions, BenchSuite } from './types';

const TICKS_PER_SECOND = 200;
/** Ticks are sent in bursts every 10 ms (timers cannot fire every 5 ms reliably). */
const BURST_MS = 10;
const FULL_SECONDS = 10;
const QUICK_SECONDS = 3;
const WARM_UP_MS = 1500;
const CHROMIUM_PATH = process.env.SCALPDESK_CHROMIUM ?? '/usr/bin/chromium';

interface PageFigures {
  readonly frames: number;
  readonly elapsedMs: number;
  readonly longTasks: number[];
}

/**
 * Runs in the page before the app (an init script of this benchmark only): keeps the app's API
 * socket and, once the chart subscribes to its candles and has its first update, unsubscribes it
 * upstream and feeds that subscription one candle update per synthetic tick — 200 a second, every
 * one a message through the app's own parse, client, merge and chart drawing (the core itself
 * conflates to ≤ 60 a second, so this is the worst case). A new 1 s bar starts every 200 ticks; the
 * price walks a tick at a time.
 */
const PAGE_DRIVER = `(() => {
  const Native = window.WebSocket;
  const bench = { socket: null, id: null, first: null, sent: 0 };
  window.__chartBench = bench;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      bench.socket = this;
      const send = this.send.bind(this);
      this.send = (text) => {
        const message = JSON.parse(text);
        if (bench.id === null && message.t === 'sub' && message.method === 'market.onCandles') bench.id = message.id;
        send(text);
      };
      this.addEventListener('message', (event) => {
        if (bench.first || bench.id === null) return;
        const message = JSON.parse(event.data);
        if (message.t === 'event' && message.id === bench.id && message.event.candles.length > 0) {
          bench.first = message.event;
          send(JSON.stringify({ t: 'unsub', id: bench.id }));
        }
      });
    }
  };
  bench.start = (perSecond, burstMs) => {
    const view = bench.first;
    const tick = view.tickUnits;
    const last = view.candles[view.candles.length - 1];
    let price = last.close;
    let bar = { ...last, tsStart: last.tsStart + view.interval * 1000000, open: price, high: price, low: price, volume: 0 };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    let count = 0;
    const next = () => {
      if (count > 0 && count % perSecond === 0)
        bar = { ...bar, tsStart: bar.tsStart + view.interval * 1000000, open: price, high: price, low: price, volume: 0 };
      count++;
      if (random() < 0.3) price += random() < 0.5 ? -tick : tick;
      bar = { ...bar, close: price, high: Math.max(bar.high, price), low: Math.min(bar.low, price), volume: bar.volume + 65, source: 'trade' };
      return JSON.stringify({ t: 'event', id: bench.id, event: { ...view, candles: [bar] } });
    };
    const perBurst = Math.round((perSecond * burstMs) / 1000);
    let due = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      while (due <= now) {
        for (let index = 0; index < perBurst; index++) {
          bench.socket.dispatchEvent(new MessageEvent('message', { data: next() }));
          bench.sent++;
        }
        due += burstMs;
      }
    }, burstMs);
    bench.stop = () => clearInterval(timer);
  };
})();`;

/** Counts animation frames and long tasks (> 50 ms) in the page for `seconds`. */
async function measure(page: Playwright.Page, seconds: number): Promise<PageFigures> {
  return (await page.evaluate(
    `new Promise((resolve) => {
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(Math.round(entry.duration));
      });
      observer.observe({ type: 'longtask' });
      let frames = 0;
      const begin = performance.now();
      const onFrame = (now) => {
        frames++;
        if (now - begin < ${seconds * 1000}) requestAnimationFrame(onFrame);
        else {
          observer.disconnect();
          resolve({ frames, elapsedMs: now - begin, longTasks });
        }
      };
      requestAnimationFrame(onFrame);
    })`,
  )) as PageFigures;
}

/**
 * The chart window (issue 12) in Chromium at 200 ticks a second for 10 s, on 1 s bars: the real page
 * against a real workstation, its candle stream replaced by synthetic updates. Targets: ≥ 55 fps,
 * no task over 50 ms.
 */
export async function run(options: BenchOptions): Promise<Record<string, unknown>> {
  if (!fs.existsSync(CHROMIUM_PATH)) return { skipped: `no Chromium at ${CHROMIUM_PATH}` };
  // A development dependency, resolved from the checkout at run time so the bundle never holds it.
  const requireFromCheckout = createRequire(path.join(builtPaths.resourcesDir, '..', 'package.json'));
  const { chromium } = requireFromCheckout('playwright-core') as typeof Playwright;
  const seconds = options.quick ? QUICK_SECONDS : FULL_SECONDS;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-bench-chart-'));
  const workstation = await startWorkstation({
    dataDir,
    workerDir: builtPaths.workerDir,
    host: 'browser',
    version: APP_VERSION,
    settings: settingsSchema.parse({ recording: { enabled: false } }),
  });
  const server = await startServe({ router: workstation.router, rendererDir: builtPaths.rendererDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(PAGE_DRIVER);
    // 1 s bars: the interval that changes most per tick.
    await page.addInitScript(
      `localStorage.setItem('scalpdesk.chart', JSON.stringify({ symbol: '', interval: 1 }))`,
    );
    await page.goto(server.url.replace(/#.*$/, '#/chart'));
    const began = Date.now();
    while (!(await page.evaluate('window.__chartBench.first !== null'))) {
      if (Date.now() - began > 30_000) throw new Error('the chart got no candles within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await page.evaluate(`window.__chartBench.start(${TICKS_PER_SECOND}, ${BURST_MS})`);
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
    const sentBefore = (await page.evaluate('window.__chartBench.sent')) as number;
    const figures = await measure(page, seconds);
    const sentDuring = ((await page.evaluate('window.__chartBench.sent')) as number) - sentBefore;
    // A second stretch, traced (tracing costs frames, so not during the first): which long tasks were
    // the page's own work and which were waiting for a CPU.
    const mainThread = await traceMainThread(page, seconds);
    await page.evaluate('window.__chartBench.stop()');
    const fps = (figures.frames * 1000) / figures.elapsedMs;
    const longest = Math.max(0, ...figures.longTasks);
    return {
      seconds,
      ticksSent: sentDuring,
      ticksPerSecond: Math.round((sentDuring * 1000) / figures.elapsedMs),
      framesPerSecond: Math.round(fps * 10) / 10,
      longTasks: figures.longTasks.length,
      longestTaskMs: longest,
      traced: mainThread,
      loadAverage: os.loadavg().map((load) => Math.round(load * 10) / 10),
      targets: { framesPerSecond: 55, longestTaskMs: 50 },
      met: fps >= 55 && longest <= 50,
    };
  } finally {
    await browser.close();
    await server.close();
    await workstation.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export const suite: BenchSuite = {
  name: 'chart',
  summary:
    'the chart window in Chromium at 200 ticks/s for 10 s on 1 s bars: frames per second and long tasks',
  run,
};
