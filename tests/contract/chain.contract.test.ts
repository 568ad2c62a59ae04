import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainImportParts } from '../../src/shared/api/chainSchemas';
import type { ChainImportResult, ChainView } from '../../src/shared/api/chainViews';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import { ApiError } from '../../src/shared/api/errors';
import type { Workstation } from '../../src/main/hosts/workstation';
import { repoRoot } from '../support/serveProcess';
import {
  clientFor,
  inMemoryTransport,
  startTestWorkstation,
  waitFor,
  webSocketTransport,
} from '../support/workstation';

const nseFixture = path.join(repoRoot, 'tests', 'fixtures', 'nse-nifty-chain', 'option_chain.json');

/** Sends a file's text through chain.importFile part by part, as the window does. */
async function importChainFile(
  api: ClientOf<ApiContract>,
  name: string,
  text: string,
): Promise<ChainImportResult> {
  const parts = chainImportParts(text);
  let result: ChainImportResult | null = null;
  for (let part = 0; part < parts.length; part++)
    result = await api.chain.importFile({ name, content: parts[part], part, parts: parts.length });
  if (!result) throw new Error('no part sent');
  return result;
}

async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

/**
 * The option chain window's API (issue 13) over every transport: the built-in exchange's chain with
 * its analytics, the live stream, the session history on market time, and an NSE file imported in parts.
 */
describe.each([inMemoryTransport, webSocketTransport])(
  'chain API over $name',
  { timeout: 120_000 },
  (transport) => {
    let workstation: Workstation;
    let api: ClientOf<ApiContract>;
    let close: () => Promise<void>;

    beforeAll(async () => {
      // Market time at 5× so the 10 s sampling interval passes in 2 s.
      ({ workstation } = await startTestWorkstation({ engine: { mode: 'off' }, market: { speed: 5 } }));
      const connection = await transport.connect(workstation);
      close = connection.close;
      api = clientFor(connection.pipe);
    }, 120_000);
    afterAll(async () => {
      await close?.();
      await workstation?.close();
    });

    const liveChain = async (): Promise<ChainView> => {
      for (;;) {
        try {
          return await api.chain.getChain({});
        } catch (error) {
          // The core answers UNAVAILABLE while it is still starting.
          if (!(error instanceof ApiError && error.code === 'UNAVAILABLE')) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };

    it('chain.getChain gives the built-in exchange chain of the engine underlying with greeks and analytics', async () => {
      const chain = await liveChain();
      const instruments = await api.market.listInstruments({});
      expect(chain.source).toBe('live');
      expect(chain.sourceName).toBe('built-in exchange');
      expect(chain.underlying).toBe('NIFTY');
      expect(chain.expiries[0]).toBe(chain.expiry);
      expect(chain.series).toBe(`NIFTY@${chain.expiry}`);
      expect(chain.rows.length).toBeGreaterThan(10);
      const summary = chain.summary;
      expect(summary.pcrOi).toBeGreaterThan(0);
      expect(chain.rows.map((row) => row.strike)).toContain(summary.maxPain);
      expect(chain.rows.map((row) => row.strike)).toContain(summary.atmStrike);
      expect(summary.atmIv).toBeGreaterThan(0.03);
      expect(summary.straddle).toBeGreaterThan(0);
      expect(summary.impliedMove).toBeCloseTo((summary.straddle ?? 0) / summary.spot, 12);
      const atm = chain.rows.find((row) => row.strike === summary.atmStrike);
      expect(atm?.ce?.delta).toBeGreaterThan(0.3);
      expect(atm?.ce?.delta).toBeLessThan(0.7);
      expect(atm?.pe?.delta).toBeLessThan(-0.3);
      expect(atm?.ce?.gamma).toBeGreaterThan(0);
      expect(atm?.ce?.theta).toBeLessThan(0);
      expect(atm?.ce?.vega).toBeGreaterThan(0);
      // Each side names its tradable contract, as listed.
      const listed = instruments.find((instrument) => instrument.symbol === atm?.ce?.symbol);
      expect(listed).toMatchObject({
        underlying: 'NIFTY',
        expiry: chain.expiry,
        strike: atm?.strike,
        right: 'CE',
      });
      // The pain curve's minimum is the max-pain strike.
      const lowest = chain.rows.reduce((best, row) => (row.pain < best.pain ? row : best));
      expect(lowest.strike).toBe(summary.maxPain);
      expect(chain.surface.map((slice) => slice.expiry)).toEqual(chain.expiries);
      expect(chain.surface[0].points.length).toBeGreaterThan(10);
    });

    it('chain.onChain streams the watched expiry', async () => {
      const { expiries } = await liveChain();
      const expiry = expiries.at(-1) ?? '';
      const view = await waitFor(api.chain.onChain, { underlying: 'NIFTY', expiry }, () => true, 15_000);
      expect(view.series).toBe(`NIFTY@${expiry}`);
      expect(view.expiry).toBe(expiry);
      expect(view.rows.length).toBeGreaterThan(0);
    });

    it('chain.getHistory samples the summary on market time, oldest first, an interval apart', async () => {
      const { expiry } = await liveChain();
      let history = await api.chain.getHistory({ underlying: 'NIFTY', expiry });
      for (let polls = 0; history.samples.length < 4 && polls < 600; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        history = await api.chain.getHistory({ underlying: 'NIFTY', expiry });
      }
      expect(history.samples.length).toBeGreaterThanOrEqual(4);
      expect(history.capacity).toBeGreaterThan(1000);
      for (let i = 1; i < history.samples.length; i++)
        expect(history.samples[i].tsUs - history.samples[i - 1].tsUs).toBeGreaterThanOrEqual(
          history.intervalUs,
        );
      expect(history.samples.every((sample) => sample.atmIv !== null && sample.straddle !== null)).toBe(true);
      // The percentile now ranks the ATM IV against those samples.
      const chain = await api.chain.getChain({ expiry });
      expect(chain.summary.ivPercentile).not.toBeNull();
    });

    it('chain.importFile takes the NSE fixture in parts: PCR 0.73 and max pain 17100 for 31-Mar-2022', async () => {
      const text = fs.readFileSync(nseFixture, 'utf8');
      expect(chainImportParts(text).length).toBeGreaterThan(1);
      const result = await importChainFile(api, 'option_chain.json', text);
      if (result.status !== 'imported') throw new Error('the last part did not import');
      const chain = result.chain;
      expect(chain.source).toBe('imported');
      expect(chain.sourceName).toBe('option_chain.json');
      expect(chain.expiry).toBe('2022-03-31');
      expect(chain.summary.pcrOi?.toFixed(2)).toBe('0.73');
      expect(chain.summary.maxPain).toBe(17100);
      expect(chain.summary.spot).toBe(17022.5);
      expect(chain.expiries).toHaveLength(21);
      expect(chain.surface).toHaveLength(21);
      const later = await api.chain.getChain({ source: 'imported', expiry: chain.expiries[1] });
      expect(later.expiry).toBe(chain.expiries[1]);
    });

    it('refuses a broken file, a part out of order and an unlisted expiry, naming the field', async () => {
      const broken = await refusal(importChainFile(api, 'broken.json', '{"records": '));
      expect(broken.code).toBe('BAD_REQUEST');
      expect(broken.message).toMatch(/broken\.json: NSE option chain: not valid JSON/);
      const csv = await refusal(importChainFile(api, 'chain.csv', 'strike,oops\n1,2\n'));
      expect(csv.message).toMatch(/chain\.csv: CSV chain: header .* lacks column/);
      const outOfOrder = await refusal(
        api.chain.importFile({ name: 'a.json', content: '{', part: 1, parts: 3 }),
      );
      expect(outOfOrder.field).toBe('part');
      const tooLarge = await refusal(
        api.chain.importFile({ name: 'a.json', content: '', part: 0, parts: 10_000 }),
      );
      expect(tooLarge.message).toMatch(/too large/);
      const expiry = await refusal(api.chain.getChain({ expiry: '1999-01-01' }));
      expect(expiry.field).toBe('expiry');
      const underlying = await refusal(api.chain.getChain({ underlying: 'NOPE' }));
      expect(underlying.field).toBe('underlying');
    });
  },
);
