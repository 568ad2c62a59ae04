import type { Brand } from './brand';

/** Instrument symbol as the workstation names it, e.g. `NIFTY`, `NIFTY-2026-11-24-24000-CE`, `TSLA-2026-11-21-250-C`. */
export type Symbol = Brand<string, 'Symbol'>;
export type OrderId = Brand<string, 'OrderId'>;
export type FillId = Brand<string, 'FillId'>;
export type ClientOrderId = Brand<string, 'ClientOrderId'>;

export const asSymbol = (value: string): Symbol => value as Symbol;
export const asOrderId = (value: string): OrderId => value as OrderId;
export const asFillId = (value: string): FillId => value as FillId;

/**
 * Injected id generator (the "deterministic engine" principle: no Math.random or Date.now in the engine).
 * Sequential per prefix, so a replay with the same event sequence yields the same ids.
 */
export interface IdGenerator {
  next(prefix: string): string;
}

export function createSequentialIds(namespace = ''): IdGenerator {
  const counters = new Map<string, number>();
  return {
    next(prefix: string): string {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${namespace}${prefix}-${n}`;
    },
  };
}
