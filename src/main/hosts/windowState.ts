import type { WindowBounds } from '../platform/settings';

export interface DisplayArea {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Where to reopen a window: its remembered bounds if they still fall on a connected display (by id,
 * else any display it overlaps), otherwise the default size centred on the primary display — so a
 * window last seen on an unplugged monitor never opens off-screen.
 */
export function restoreBounds(
  saved: WindowBounds | undefined,
  displays: readonly DisplayArea[],
  fallback: { width: number; height: number },
): { x?: number; y?: number; width: number; height: number } {
  if (!saved) return { ...fallback };
  const overlaps = (d: DisplayArea): boolean =>
    saved.x < d.x + d.width &&
    saved.x + saved.width > d.x &&
    saved.y < d.y + d.height &&
    saved.y + saved.height > d.y;
  const display = displays.find((d) => d.id === saved.displayId && overlaps(d)) ?? displays.find(overlaps);
  if (!display) return { width: saved.width, height: saved.height };
  const width = Math.min(saved.width, display.width);
  const height = Math.min(saved.height, display.height);
  // Partly off its monitor (a resolution change, a taskbar moved): pulled back whole onto it.
  return {
    x: Math.min(Math.max(saved.x, display.x), display.x + display.width - width),
    y: Math.min(Math.max(saved.y, display.y), display.y + display.height - height),
    width,
    height,
  };
}

/**
 * The settings key of a new window of `route`: the route itself for the first, `route-2`, `route-3`…
 * for more of the same kind, the lowest not in use — so each of several ladders reopens where it was.
 */
export function windowKey(route: string, inUse: ReadonlySet<string>): string {
  if (!inUse.has(route)) return route;
  for (let index = 2; ; index++) if (!inUse.has(`${route}-${index}`)) return `${route}-${index}`;
}

/** The route a window key belongs to (`ladder-2` → `ladder`). */
export function routeOfKey(key: string): string {
  return key.replace(/-\d+$/, '');
}

/**
 * The windows to open at start: those still open when the app last quit (by key, so each reopens
 * with its own bounds), else one ladder. Keys of routes this version does not have are skipped.
 */
export function windowsToReopen(
  saved: Readonly<Record<string, WindowBounds>>,
  isRoute: (route: string) => boolean,
): string[] {
  const open = Object.entries(saved)
    .filter(([key, bounds]) => bounds.open === true && isRoute(routeOfKey(key)))
    .map(([key]) => key);
  return open.length > 0 ? open : ['ladder'];
}
