import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiClient } from '../../../src/shared/api/client';
import { method, subscription } from '../../../src/shared/api/define';
import { ApiError } from '../../../src/shared/api/errors';
import { connectInMemory } from '../../../src/shared/api/inMemoryTransport';
import { createApiRouter } from '../../../src/shared/api/router';
import { placeOrderParamsSchema } from '../../../src/shared/api/schemas';

const testContract = {
  counter: {
    add: method(z.object({ by: z.number().int().positive() }).strict())<number>(),
    fail: method(z.object({}).strict())<never>(),
    onTick: subscription(z.object({ every: z.number().int().positive() }).strict())<number>(),
  },
};

function makeCounterRouter() {
  let total = 0;
  const ticks = new Set<(value: number) => void>();
  const router = createApiRouter(testContract, {
    counter: {
      add: async ({ by }) => (total += by),
      fail: async () => {
        throw new ApiError('REJECTED', 'the market is closed');
      },
      onTick: (_params, emit) => {
        ticks.add(emit);
        return () => ticks.delete(emit);
      },
    },
  });
  return {
    router,
    total: () => total,
    tick: (value: number) => ticks.forEach((emit) => emit(value)),
    subscribers: () => ticks.size,
  };
}

describe('API router', () => {
  it('dispatches a valid call and returns its result', async () => {
    const counter = makeCounterRouter();
    const api = createApiClient(testContract, connectInMemory(counter.router).pipe);
    await expect(api.counter.add({ by: 2 })).resolves.toBe(2);
    await expect(api.counter.add({ by: 3 })).resolves.toBe(5);
  });

  it('rejects params that fail the schema with the field named, and runs no handler', async () => {
    const counter = makeCounterRouter();
    const api = createApiClient(testContract, connectInMemory(counter.router).pipe);
    await expect(api.counter.add({ by: -1 })).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'by' });
    await expect(api.counter.add({ by: 1, extra: true } as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(counter.total()).toBe(0);
  });

  it('passes a handler ApiError through with its code', async () => {
    const api = createApiClient(testContract, connectInMemory(makeCounterRouter().router).pipe);
    await expect(api.counter.fail({})).rejects.toMatchObject({
      code: 'REJECTED',
      message: 'the market is closed',
    });
  });

  it('delivers subscription events until unsubscribed, and drops them when the connection closes', async () => {
    const counter = makeCounterRouter();
    const { pipe, disconnect } = connectInMemory(counter.router);
    const api = createApiClient(testContract, pipe);
    const seen: number[] = [];
    const unsubscribe = api.counter.onTick({ every: 1 }, (value) => seen.push(value));
    await new Promise((resolve) => setTimeout(resolve, 0));
    counter.tick(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 0));
    counter.tick(2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual([1]);
    api.counter.onTick({ every: 1 }, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(counter.subscribers()).toBe(1);
    disconnect();
    expect(counter.subscribers()).toBe(0);
  });

  it('answers a subscribe to a method name, or a call to a subscription, with UNKNOWN_METHOD', async () => {
    const counter = makeCounterRouter();
    const replies: unknown[] = [];
    const connection = counter.router.connect({ connectionId: 't', transport: 'memory' }, (message) =>
      replies.push(message),
    );
    connection.receive({ t: 'sub', id: 1, method: 'counter.add', params: { by: 1 } });
    connection.receive({ t: 'call', id: 2, method: 'counter.onTick', params: { every: 1 } });
    connection.receive({ t: 'call', id: 3, method: 'constructor', params: {} });
    expect(replies).toEqual([
      { t: 'error', id: 1, error: { code: 'UNKNOWN_METHOD', message: 'unknown subscription "counter.add"' } },
      { t: 'error', id: 2, error: { code: 'UNKNOWN_METHOD', message: 'unknown method "counter.onTick"' } },
      { t: 'error', id: 3, error: { code: 'UNKNOWN_METHOD', message: 'unknown method "constructor"' } },
    ]);
  });

  it('refuses to build a router with a missing handler', () => {
    expect(() => createApiRouter(testContract, { counter: {} } as never)).toThrow(
      /no handler for counter.add/,
    );
  });
});

describe('place-order schema', () => {
  const valid = {
    symbol: 'NIFTY-2026-11-24-24000-CE',
    side: 'buy',
    type: 'limit',
    quantity: 65,
    limitPrice: 11005,
  };

  it('accepts a complete limit order and defaults time in force to DAY', () => {
    expect(placeOrderParamsSchema.parse(valid).timeInForce).toBe('DAY');
  });

  it.each([
    ['quantity', { ...valid, quantity: 0 }],
    ['quantity', { ...valid, quantity: 1.5 }],
    ['limitPrice', { ...valid, limitPrice: 110.05 }],
    ['limitPrice', { ...valid, limitPrice: undefined }],
    ['stopPrice', { ...valid, stopPrice: 11000 }],
    ['symbol', { ...valid, symbol: 'NIFTY<script>' }],
    ['side', { ...valid, side: 'long' }],
  ])('names %s when it is wrong', (field, order) => {
    const result = placeOrderParamsSchema.safeParse(order);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path.join('.')).toBe(field);
  });
});
