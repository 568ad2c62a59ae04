import { useEffect, useState } from 'react';

/** Wall-clock ms, refreshed every `intervalMs`: for ages ("last tick 1.2 s ago") and clocks. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "0.4 s", "12 s", "3 min": how long ago, compact for a status bar. */
export function formatAge(elapsedMs: number): string {
  // The clock ticks every few hundred ms; an update newer than the last tick is "now", not negative.
  const ms = Math.max(0, elapsedMs);
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
