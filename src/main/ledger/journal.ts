/**
 * Bulk rows (decisions, signals, alerts, ticks) are not acknowledged one by one: they collect in a
 * buffer and are written in one transaction at least every 50 ms (group commit), so a decision per
 * tick costs one fsync per 50 ms instead of one per row. The shape matches the ledger worker
 * protocol's `JournalRow` (src/main/ledger/protocol.ts).
 */
export type JournalTable = 'decisions' | 'signals' | 'alerts' | 'ticks';

export interface JournalRow {
  readonly table: JournalTable;
  readonly tsEvent: number;
  readonly data: unknown;
}

/** Injected so tests control when the group commit fires. */
export interface JournalTimer {
  schedule(callback: () => void, delayMs: number): { cancel(): void };
}

export const realTimer: JournalTimer = {
  schedule(callback, delayMs) {
    const handle = setTimeout(callback, delayMs);
    // A pending flush must not keep a CLI process alive; close() flushes anyway.
    handle.unref();
    return { cancel: () => clearTimeout(handle) };
  },
};

/** A timer that fires only when the test says so. */
export class ManualJournalTimer implements JournalTimer {
  private pending: Array<{ callback: () => void; delayMs: number; cancelled: boolean }> = [];

  schedule(callback: () => void, delayMs: number): { cancel(): void } {
    const entry = { callback, delayMs, cancelled: false };
    this.pending.push(entry);
    return { cancel: () => (entry.cancelled = true) };
  }

  /** Delays of the timers still armed. */
  armed(): number[] {
    return this.pending.filter((entry) => !entry.cancelled).map((entry) => entry.delayMs);
  }

  fireAll(): void {
    const due = this.pending.filter((entry) => !entry.cancelled);
    this.pending = [];
    for (const entry of due) entry.callback();
  }
}

/** Reads a string member of an unknown journal payload. */
export function stringField(data: unknown, ...keys: string[]): string | null {
  if (data === null || typeof data !== 'object') return null;
  for (const key of keys) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'string') return value;
  }
  return null;
}

export function numberField(data: unknown, ...keys: string[]): number | null {
  if (data === null || typeof data !== 'object') return null;
  for (const key of keys) {
    const value = (data as Record<string, unknown>)[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  return null;
}

export function memberOf(data: unknown, ...keys: string[]): unknown {
  if (data === null || typeof data !== 'object') return undefined;
  for (const key of keys) {
    const value = (data as Record<string, unknown>)[key];
    if (value !== undefined) return value;
  }
  return undefined;
}
