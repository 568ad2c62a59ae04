import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type * as Playwright from 'playwright-core';
import { APP_VERSION, builtPaths } from '../platform/appInfo';
import { settingsSchema } from '../platform/settings';
import { startServe } from '../hosts/serve';
import { startWorkstation } from '../hosts/workstation';
import type { BenchOptions } from './types';

/**
 * When set, each driven run's page is traced to `<bench>.json` there (open it in Chromium DevTools'
 * Performance panel) to see where the frame time goes: script, style, layout, paint.
 */
const TRACE_DIR = process.env.SCALPDESK_BENCH_TRACE;

/** Synthetic messages are sent in bursts every 10 ms (timers cannot fire every millisecond). */
const BURST_MS = 10;
const FULL_SECONDS = 10;
const QUICK_SECONDS = 3;
const WARM_UP_MS = 1500;
const READY_TIMEOUT_MS = 30_000;
const CHROMIUM_PATH = process.env.SCALPDESK_CHROMIUM ?? '/usr/bin/chromium';
const TARGET_FRAMES_PER_SECOND = 55;
const TARGET_LONGEST_TASK_MS = 50;

/**
 * Page-side code every driver script shares (a JS function expression as text): replays `messages`
 * into the app's socket at `perSecond`, in bursts every `burstMs`, and catches up on bursts a late
 * timer missed so the rate holds under load. Sets `bench.stop`.
 */
const PAGE_PUMP = `(bench, messageAt, perSecond, burstMs) => {
  const perBurst = Math.round((perSecond * burstMs) / 1000);
  let due = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    while (due <= now) {
      for (let index = 0; index < perBurst; index++) {
        bench.socket.dispatchEvent(new MessageEvent('message', { data: messageAt(bench.sent) }));
        bench.sent++;
      }
      due += burstMs;
    }
  }, burstMs);
  bench.stop = () => clearInterval(timer);
}`;

export interface PageDriver {
  /** The page global the driver lives in, e.g. '__ladderBench'. */
  readonly global: string;
  /** Page JS `(message) => boolean`: the app's subscribe request whose stream the driver takes over. */
  readonly isSubscription: string;
  /** Page JS `(event) => boolean`: the first event with data enough to build synthetic ones from. */
  readonly hasData: string;
  /**
   * Page JS `(bench, pump, perSecond, burstMs) => void`: builds messages from `bench.first` (and
   * `bench.subscription`, the request's params) and calls `pump(bench, messageAt, perSecond, burstMs)`.
   */
  readonly start: string;
}

/**
 * A script run in the page before the app (part of the benchmark, never of the app): keeps the
 * app's API socket and, once the app subscribes to the stream the driver takes over and gets its
 * first event with data, unsubscribes it upstream so only synthetic events reach it — the same JSON
 * text the host sends, through the app's own parse, client and rendering.
 */
export function pageDriverScript(driver: PageDriver): string {
  return `(() => {
  const Native = window.WebSocket;
  const bench = { socket: null, id: null, subscription: null, first: null, sent: 0 };
  window.${driver.global} = bench;
  const isSubscription = ${driver.isSubscription};
  const hasData = ${driver.hasData};
  const start = ${driver.start};
  const pump = ${PAGE_PUMP};
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      bench.socket = this;
      const send = this.send.bind(this);
      this.send = (text) => {
        const message = JSON.parse(text);
        if (bench.id === null && message.t === 'sub' && isSubscription(message)) {
          bench.id = message.id;
          bench.subscription = message.params;
        }
        send(text);
      };
      this.addEventListener('message', (event) => {
        if (bench.first || bench.id === null) return;
        const message = JSON.parse(event.data);
        if (message.t === 'event' && message.id === bench.id && hasData(message.event)) {
          bench.first = message.event;
          send(JSON.stringify({ t: 'unsub', id: bench.id }));
        }
      });
    }
  };
  bench.start = (perSecond, burstMs) => start(bench, pump, perSecond, burstMs);
})();`;
}

/** What the page measured: animation frames, long tasks (> 50 ms) and anything `extra` returned. */
export interface PageFigures {
  readonly frames: number;
  readonly elapsedMs: number;
  readonly longTasks: number[];
  readonly extra: unknown;
}

/**
 * Counts animation frames and long tasks (PerformanceObserver 'longtask') in the page for
 * `seconds`; `extraExpression` (page JS) is evaluated at the end, e.g. to count rendered rows.
 */
export async function measureFrames(
  page: Playwright.Page,
  seconds: number,
  extraExpression = 'null',
): Promise<PageFigures> {
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
          resolve({ frames, elapsedMs: now - begin, longTasks, extra: ${extraExpression} });
        }
      };
      requestAnimationFrame(onFrame);
    })`,
  )) as PageFigures;
}

export const framesPerSecond = (figures: PageFigures): number =>
  Math.round(((figures.frames * 1000) / figures.elapsedMs) * 10) / 10;

export const longestTaskMs = (figures: PageFigures): number => Math.max(0, ...figures.longTasks);

/** The figures every browser benchmark reports for its driven run, against the shared targets. */
export function frameReport(figures: PageFigures): Record<string, unknown> {
  const fps = framesPerSecond(figures);
  const longest = longestTaskMs(figures);
  return {
    framesPerSecond: fps,
    longTasks: figures.longTasks.length,
    longestTaskMs: longest,
    loadAverage: os.loadavg().map((load) => Math.round(load * 10) / 10),
    targets: { framesPerSecond: TARGET_FRAMES_PER_SECOND, longestTaskMs: TARGET_LONGEST_TASK_MS },
    met: fps >= TARGET_FRAMES_PER_SECOND && longest <= TARGET_LONGEST_TASK_MS,
  };
}

export interface DrivenRun {
  readonly figures: PageFigures;
  /** Synthetic messages delivered while measuring. */
  readonly sent: number;
  readonly perSecond: number;
}

export interface BrowserBenchPage {
  readonly page: Playwright.Page;
  readonly seconds: number;
  /** The request params of the subscription the driver took over. */
  readonly subscription: Record<string, unknown>;
  /**
   * Starts the driver at `perSecond`, lets it warm up, measures frames and long tasks for
   * `seconds` (`extraExpression` as in measureFrames) and stops it.
   */
  drive(perSecond: number, extraExpression?: string): Promise<DrivenRun>;
}

export interface BrowserBenchSetup {
  /** Names the temporary data folder. */
  readonly name: string;
  readonly viewport: { readonly width: number; readonly height: number };
  readonly driver: PageDriver;
  /** Page scripts run before the app after the driver, e.g. to choose what a window shows. */
  readonly initScripts?: readonly string[];
  /** The route to open, e.g. '#/chart'; the server's default route when absent. */
  readonly route?: string;
  /** Thrown when the driver has no first event within 30 s. */
  readonly notReadyMessage: string;
}

/**
 * Starts a real workstation (recording off) in a temporary data folder, serves the built renderer,
 * opens it in headless Chromium with the driver, waits until the driver has its first event and
 * runs `body`; then closes everything in reverse order. Returns `{ skipped }` without Chromium.
 */
export async function withBrowserBench(
  options: BenchOptions,
  setup: BrowserBenchSetup,
  body: (bench: BrowserBenchPage) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  if (!fs.existsSync(CHROMIUM_PATH)) return { skipped: `no Chromium at ${CHROMIUM_PATH}` };
  // A development dependency, resolved from the checkout at run time so the bundle never holds it.
  const requireFromCheckout = createRequire(path.join(builtPaths.resourcesDir, '..', 'package.json'));
  const { chromium } = requireFromCheckout('playwright-core') as typeof Playwright;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `scalpdesk-bench-${setup.name}-`));
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
    const page = await browser.newPage({ viewport: { ...setup.viewport } });
    await page.addInitScript(pageDriverScript(setup.driver));
    for (const script of setup.initScripts ?? []) await page.addInitScript(script);
    await page.goto(setup.route ? server.url.replace(/#.*$/, setup.route) : server.url);
    const driver = `window.${setup.driver.global}`;
    const began = Date.now();
    while (!(await page.evaluate(`${driver}.first !== null`))) {
      if (Date.now() - began > READY_TIMEOUT_MS) throw new Error(setup.notReadyMessage);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = options.quick ? QUICK_SECONDS : FULL_SECONDS;
    const subscription = (await page.evaluate(`${driver}.subscription`)) as Record<string, unknown>;
    const drive = async (perSecond: number, extraExpression?: string): Promise<DrivenRun> => {
      await page.evaluate(`${driver}.start(${perSecond}, ${BURST_MS})`);
      await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
      const sentBefore = (await page.evaluate(`${driver}.sent`)) as number;
      if (TRACE_DIR) {
        fs.mkdirSync(TRACE_DIR, { recursive: true });
        await browser.startTracing(page, { path: path.join(TRACE_DIR, `${setup.name}.json`) });
      }
      const figures = await measureFrames(page, seconds, extraExpression);
      if (TRACE_DIR) await browser.stopTracing();
      const sent = ((await page.evaluate(`${driver}.sent`)) as number) - sentBefore;
      await page.evaluate(`${driver}.stop()`);
      return { figures, sent, perSecond: Math.round((sent * 1000) / figures.elapsedMs) };
    };
    return await body({ page, seconds, subscription, drive });
  } finally {
    await browser.close();
    await server.close();
    await workstation.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
