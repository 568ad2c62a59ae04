import { describe, expect, it } from 'vitest';
import type { ChainSampleView } from '../../../src/shared/api/chainViews';
import { maxPain, painByStrike } from '../../../src/shared/options/chain/maxPain';
import { priceOption } from '../../../src/shared/options/pricing';
import { ChainHistory } from '../../../src/main/coreWorker/chainTools/chainHistory';
import { ChainFileAssembler } from '../../../src/main/coreWorker/chainTools/chainFileImport';
import { buildChainView } from '../../../src/main/coreWorker/chainTools/chainViewBuilder';
import { makeRow, makeSnapshot } from '../options/chainFactories';

const snapshot = makeSnapshot([
  makeRow(
    90,
    { oi: 100, iv: 0.3, bid: 10, ask: 11, ltp: 10.5 },
    { oi: 400, iv: 0.32, bid: 0.5, ask: 0.7, ltp: 0.6 },
  ),
  makeRow(
    100,
    { oi: 300, iv: 0.25, bid: 2, ask: 2.2, ltp: 2.1 },
    { oi: 250, iv: 0.27, bid: 1.9, ask: 2.1, ltp: 2 },
  ),
  makeRow(
    110,
    { oi: 500, iv: 0.28, bid: 0.3, ask: 0.4, ltp: 0.35 },
    { oi: 50, iv: 0.3, bid: 9.8, ask: 10.2, ltp: 10 },
  ),
]);

const sample = (tsUs: number, atmIv = 0.2): ChainSampleView => ({
  tsUs,
  spot: 100,
  atmStrike: 100,
  atmIv,
  straddle: 4,
  syntheticFuture: 100,
  impliedMove: 0.04,
  pcrOi: 1,
  pcrVolume: 1,
  maxPain: 100,
  totalCallOi: 1,
  totalPutOi: 1,
  netGex: 0,
});

describe('chain view builder', () => {
  const view = buildChainView(snapshot, {
    source: 'live',
    sourceName: 'built-in exchange',
    expiries: ['2022-03-31'],
    underlyings: ['NIFTY'],
    symbolOf: (strike, right) => `NIFTY${strike}${right}`,
    ivHistory: [0.2, 0.3],
    surfaceSnapshots: [snapshot],
  });

  it('gives each quote the shared pricing greeks at its own IV, theta per day and vega per vol point', () => {
    const call = view.rows[1].ce;
    const model = priceOption({
      model: 'bs',
      type: 'call',
      spot: 100,
      strike: 100,
      years: view.summary.yearsToExpiry,
      rate: 0,
      vol: 0.25,
    });
    expect(call?.delta).toBe(model.delta);
    expect(call?.theta).toBe(model.thetaPerDay);
    expect(call?.vega).toBe(model.vega / 100);
    expect(call?.symbol).toBe('NIFTY100CE');
  });

  it('carries the pain distribution whose minimum is max pain', () => {
    expect(view.rows.map((row) => row.pain)).toEqual(painByStrike(snapshot));
    expect(view.summary.maxPain).toBe(maxPain(snapshot)?.strike);
  });

  it('summarises the synthetic future, walls, skew and the IV percentile against the history', () => {
    expect(view.summary.syntheticFuture).toBeCloseTo(100 + 2.1 - 2.0, 10);
    expect(view.summary.callWall).toBe(view.rows.reduce((a, b) => (b.ceGex > a.ceGex ? b : a)).strike);
    expect(view.summary.putWall).toBe(view.rows.reduce((a, b) => (b.peGex < a.peGex ? b : a)).strike);
    // ATM IV (0.25 + 0.27) / 2 = 0.26 is above one of the two history values.
    expect(view.summary.ivPercentile).toBe(50);
    expect(view.summary.skew25).not.toBeNull();
    expect(view.surface[0].points.map((point) => point.strike)).toEqual([90, 100, 110]);
  });
});

describe('chain history', () => {
  it('samples a tracked series once per interval of market time and drops the oldest past its capacity', () => {
    const history = new ChainHistory(10, 20);
    history.track('N@1', 'N', '1', 0);
    expect(history.due('N@1', 0)).toBe(true);
    for (let t = 0; t < 300; t += 10) {
      history.record('N@1', sample(t));
      history.record('N@1', sample(t)); // the same quote fetched twice is kept once
    }
    const samples = history.view('N@1', 'N', '1').samples;
    expect(samples.length).toBeLessThanOrEqual(20);
    expect(samples.at(-1)?.tsUs).toBe(290);
    expect(new Set(samples.map((s) => s.tsUs)).size).toBe(samples.length);
    expect(history.due('N@1', 295)).toBe(false);
    expect(history.due('N@1', 300)).toBe(true);
  });

  it('keeps at most eight series, dropping the one wanted least recently', () => {
    const history = new ChainHistory();
    for (let index = 0; index < 9; index++) history.track(`N@${index}`, 'N', String(index), index);
    expect(history.tracked().map((series) => series.key)).not.toContain('N@0');
    expect(history.tracked()).toHaveLength(8);
  });
});

describe('chain file parts', () => {
  it('joins parts sent in order and refuses one out of order, naming the part', () => {
    const assembler = new ChainFileAssembler();
    expect(assembler.add({ name: 'a.json', content: 'ab', part: 0, parts: 2 })).toBeNull();
    expect(assembler.add({ name: 'a.json', content: 'cd', part: 1, parts: 2 })).toBe('abcd');
    expect(() => assembler.add({ name: 'a.json', content: 'cd', part: 1, parts: 2 })).toThrow(
      /got part 1 of a\.json, expected part 0 of a file/,
    );
  });
});
