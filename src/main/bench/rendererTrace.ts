import type * as Playwright from 'playwright-core';

/** What the page's main thread did over a traced stretch: wall and CPU (thread) time of its tasks. */
export interface MainThreadFigures {
  /** Tasks longer than 50 ms of wall time (what a PerformanceObserver reports as long tasks). */
  readonly longTasks: number;
  readonly longestTaskWallMs: number;
  /** The CPU the main thread itself spent in its longest-by-wall task: the rest was waiting. */
  readonly longestTaskCpuMs: number;
  /** The most CPU any one task took, whatever its wall time. */
  readonly maxTaskCpuMs: number;
  /** Main-thread CPU per second of wall time. */
  readonly cpuMsPerSecond: number;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

/**
 * Traces the page for `seconds` (Chromium's timeline categories) and splits each main-thread task
 * into wall time and CPU time. On a loaded machine a task's wall time includes the time the thread was
 * not running at all (descheduled, or blocked on the compositor's commit), which no page code can
 * shorten: the CPU time says what the page itself cost.
 */
export async function traceMainThread(page: Playwright.Page, seconds: number): Promise<MainThreadFigures> {
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser to trace');
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const parsed = JSON.parse((await browser.stopTracing()).toString()) as
    { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mainThreads = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  // Nested RunTask events (a task inside a task) count once: the outermost only.
  const tasks = events.filter(
    (event) => event.ph === 'X' && TASK_NAMES.has(event.name) && mainThreads.has(`${event.pid}:${event.tid}`),
  );
  const outer = tasks.filter((event) => event.name === 'ThreadControllerImpl::RunTask');
  const counted = outer.length > 0 ? outer : tasks;
  const long = counted.filter((event) => (event.dur ?? 0) > 50_000);
  const longest = long.reduce<TraceEvent | null>(
    (best, event) => (best === null || (event.dur ?? 0) > (best.dur ?? 0) ? event : best),
    null,
  );
  const cpuUs = counted.reduce((sum, event) => sum + (event.tdur ?? 0), 0);
  const ms = (us: number): number => Math.round(us / 100) / 10;
  return {
    longTasks: long.length,
    longestTaskWallMs: ms(longest?.dur ?? 0),
    longestTaskCpuMs: ms(longest?.tdur ?? 0),
    maxTaskCpuMs: ms(Math.max(0, ...counted.map((event) => event.tdur ?? 0))),
    cpuMsPerSecond: Math.round(ms(cpuUs) / seconds),
  };
}
