import { frameReport, withBrowserBench } from './browserBench';
import type { PageDriver } from './browserBench';
import { traceMainThread } from './rendererTrace';
import type { BenchOptions, BenchSuite } from './types';

const TICKS_PER_SECOND = 200;

/**
 * Takes over the chart's candle stream and feeds it one candle update per synthetic tick, every one
 * a message through the app's own parse, client, merge and chart drawing (the core itself conflates
 * to ≤ 60 a second, so this is the worst case). A new 1 s bar starts every `perSecond` ticks; the
 * price walks a tick at a time.
 */
const CHART_DRIVER: PageDriver = {
  global: '__chartBench',
  isSubscription: `(message) => message.method === 'market.onCandles'`,
  hasData: `(event) => event.candles.length > 0`,
  start: `(bench, pump, perSecond, burstMs) => {
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
    pump(bench, next, perSecond, burstMs);
  }`,
};

/**
 * The chart window (issue 12) in Chromium at 200 ticks a second for 10 s, on 1 s bars: the real page
 * against a real workstation, its candle stream replaced by synthetic updates. Targets: ≥ 55 fps,
 * no task over 50 ms.
 */
export function run(options: BenchOptions): Promise<Record<string, unknown>> {
  return withBrowserBench(
    options,
    {
      name: 'chart',
      viewport: { width: 1280, height: 800 },
      driver: CHART_DRIVER,
      // 1 s bars: the interval that changes most per tick.
      initScripts: [`localStorage.setItem('scalpdesk.chart', JSON.stringify({ symbol: '', interval: 1 }))`],
      route: '#/chart',
      notReadyMessage: 'the chart got no candles within 30 s',
    },
    async ({ page, seconds, drive }) => {
      const driven = await drive(TICKS_PER_SECOND);
      // A second stretch, traced (tracing costs frames, so not during the first): which long tasks were
      // the page's own work and which were waiting for a CPU.
      await page.evaluate(`window.__chartBench.start(${TICKS_PER_SECOND}, 10)`);
      const traced = await traceMainThread(page, seconds);
      await page.evaluate('window.__chartBench.stop()');
      return {
        seconds,
        ticksSent: driven.sent,
        ticksPerSecond: driven.perSecond,
        ...frameReport(driven.figures),
        traced,
      };
    },
  );
}

export const suite: BenchSuite = {
  name: 'chart',
  summary:
    'the chart window in Chromium at 200 ticks/s for 10 s on 1 s bars: frames per second and long tasks',
  run,
};
