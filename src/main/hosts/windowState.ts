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
  return {
    x: saved.x,
    y: saved.y,
    width: Math.min(saved.width, display.width),
    height: Math.min(saved.height, display.height),
  };
}
