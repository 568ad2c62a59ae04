import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Workstation } from '../../src/main/hosts/workstation';
import { cliPath, repoRoot } from '../support/serveProcess';
import { clientFor, inMemoryTransport, startTestWorkstation, waitFor } from '../support/workstation';

const STALE_AFTER_MS = 1500;

/** `scalpdesk exchange` as its own process, so the test can freeze it (SIGSTOP) like a hung exchange. */
async function startExchangeProcess(): Promise<{ url: string; child: ChildProcess }> {
  if (!fs.existsSync(path.join(repoRoot, 'out', 'main', 'cli.js')))
    throw new Error('the app is not built: run `npm run build` first');
  const child = spawn(
    process.execPath,
    [cliPath, 'exchange', '--profile', 'nse', '--seed', '7', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /(ws:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exchange exited with ${code} before printing its URL`)));
  });
  return { url, child };
}

/**
 * The silent-feed defect: with the exchange process frozen (SIGSTOP keeps its socket open, so no
 * close ever arrives), the status must turn `stale` within the configured time, and a paper market
 * order placed then must not fill at the frozen book's price: it is refused with the reason.
 */
describe('a frozen exchange', () => {
  let exchange: ChildProcess | null = null;
  let workstation: Workstation | null = null;
  afterAll(async () => {
    await workstation?.close();
    if (exchange && exchange.exitCode === null && exchange.signalCode === null) {
      const exited = new Promise((resolve) => exchange?.once('exit', resolve));
      exchange.kill('SIGCONT');
      exchange.kill('SIGKILL');
      await exited;
    }
  }, 30_000);

  it('reads stale within the configured time and a market order placed then is refused, not filled', async () => {
    const started = await startExchangeProcess();
    exchange = started.child;
    ({ workstation } = await startTestWorkstation({
      market: { exchangeUrl: started.url, staleAfterMs: STALE_AFTER_MS },
    }));
    const { pipe } = await inMemoryTransport.connect(workstation);
    const api = clientFor(pipe);
    await waitFor(api.system.onStatus, {}, (status) => status.feed.state === 'connected', 30_000);
    const option = (await api.market.listInstruments({})).find((instrument) => instrument.kind === 'option');
    if (!option) throw new Error('no option listed');
    await waitFor(api.market.onLadder, { symbol: option.symbol }, (view) => view.asks.length > 0, 30_000);

    exchange.kill('SIGSTOP');
    const stale = await waitFor(api.system.onStatus, {}, (status) => status.feed.state === 'stale', 30_000);
    // Declared from the silence: the detail names at least the configured time without data.
    const silentMs = Number(/for (\d+) ms/.exec(stale.feed.detail ?? '')?.[1]);
    expect(silentMs).toBeGreaterThanOrEqual(STALE_AFTER_MS);
    expect(stale.feed.detail).toMatch(/^no data from ws:\/\/127\.0\.0\.1:\d+\/? for \d+ ms$/);

    const result = await api.orders.place({
      symbol: option.symbol,
      side: 'buy',
      type: 'market',
      quantity: option.lotSize,
      timeInForce: 'IOC',
    });
    await expect
      .poll(
        async () => (await api.orders.list({})).find((order) => order.orderId === result.orderId)?.status,
        {
          timeout: 10_000,
        },
      )
      .toBe('rejected');
    const order = (await api.orders.list({})).find((candidate) => candidate.orderId === result.orderId);
    expect(order?.filledQuantity).toBe(0);
    expect(order?.rejectReason).toMatch(/^market data is stale .*market orders are refused until it resumes/);
    expect((await api.positions.list({})).filter((position) => position.symbol === option.symbol)).toEqual(
      [],
    );
  }, 120_000);
});
