import type { ChainGetParams, ChainImportParams } from '../../../shared/api/chainSchemas';
import { chainSeriesKey } from '../../../shared/api/chainSchemas';
import type { ChainHistoryView, ChainImportResult, ChainView } from '../../../shared/api/chainViews';
import { ApiError } from '../../../shared/api/errors';
import type { InstrumentView } from '../../../shared/api/views';
import type { ChainSnapshot } from '../../../shared/options/chain/snapshot';
import { isFeedClosedError } from '../feeds/exchangeFeed';
import { ChainHistory } from './chainHistory';
import { ChainFileAssembler, parseChainFile } from './chainFileImport';
import type { ImportedChain } from './chainFileImport';
import { buildChainView, chainSample } from './chainViewBuilder';

/** A watched live chain is republished at most this often (wall time): a chain is read, not traded tick by tick. */
const PUBLISH_INTERVAL_MS = 1000;
/**
 * What is due is checked at most this often (wall time), not every frame: the core's frame belongs to
 * the ladders, and even at 100× market speed a 10 s sample interval is 100 ms of wall time.
 */
const CHECK_INTERVAL_MS = 100;

export interface ChainToolsOptions {
  /** The feed's chain of an underlying and expiry; undefined when the feed has none (a broker without chains). */
  readonly fetchChain: ((underlying: string, expiry: string) => Promise<ChainSnapshot>) | undefined;
  /** What the live chain is called in the window (`built-in exchange`, `broker`). */
  readonly liveSourceName: string;
  readonly instruments: () => readonly InstrumentView[];
  /** The engine's underlying: the chain shown and sampled when a window names none. */
  readonly defaultUnderlying: () => string;
  readonly marketNowUs: () => number;
  readonly publish: (view: ChainView) => void;
  readonly log: (message: string) => void;
}

interface LiveListing {
  readonly underlyings: string[];
  readonly expiries: (underlying: string) => string[];
  readonly symbolOf: (
    underlying: string,
    expiry: string,
  ) => (strike: number, right: 'CE' | 'PE') => string | null;
}

function listing(instruments: readonly InstrumentView[]): LiveListing {
  const expiriesByUnderlying = new Map<string, Set<string>>();
  const symbols = new Map<string, string>();
  for (const instrument of instruments) {
    if (instrument.kind !== 'option' || !instrument.underlying || !instrument.expiry) continue;
    let expiries = expiriesByUnderlying.get(instrument.underlying);
    if (!expiries) expiriesByUnderlying.set(instrument.underlying, (expiries = new Set()));
    expiries.add(instrument.expiry);
    symbols.set(
      `${instrument.underlying}|${instrument.expiry}|${instrument.strike}|${instrument.right}`,
      instrument.symbol,
    );
  }
  return {
    underlyings: [...expiriesByUnderlying.keys()].sort(),
    expiries: (underlying) => [...(expiriesByUnderlying.get(underlying) ?? [])].sort(),
    symbolOf: (underlying, expiry) => (strike, right) =>
      symbols.get(`${underlying}|${expiry}|${strike}|${right}`) ?? null,
  };
}

/**
 * The option chain window's side of the core (issue 13): chains from the feed or an imported file,
 * built into views with the shared options analytics; the watched live chains republished about once a
 * second; and a bounded session history of each tracked chain's summary, sampled on market time.
 */
export class ChainTools {
  private readonly history = new ChainHistory();
  private readonly assembler = new ChainFileAssembler();
  private imported: ImportedChain | null = null;
  private watched: string[] = [];
  private lastPublishMs = 0;
  private lastCheckMs = 0;
  private refreshing = false;

  constructor(private readonly options: ChainToolsOptions) {}

  async getChain(params: ChainGetParams): Promise<ChainView> {
    if (params.source === 'imported') return this.importedView(params.expiry);
    const { underlying, expiry } = this.resolveLive(params.underlying, params.expiry);
    const key = chainSeriesKey(underlying, expiry);
    this.history.track(key, underlying, expiry, this.options.marketNowUs());
    const views = await this.refreshUnderlying(underlying, [key]);
    const view = views.get(key);
    if (!view) throw new ApiError('UNAVAILABLE', `no chain for ${underlying} ${expiry}`);
    return view;
  }

  getHistory(underlying: string, expiry: string): ChainHistoryView {
    return this.history.view(chainSeriesKey(underlying, expiry), underlying, expiry);
  }

  importFile(params: ChainImportParams): ChainImportResult {
    const text = this.assembler.add(params);
    if (text === null) return { status: 'partial', received: params.part + 1, parts: params.parts };
    this.imported = parseChainFile(params.name, text);
    return { status: 'imported', chain: this.importedView(undefined) };
  }

  /** Which live series windows watch (`underlying@expiry`), as main's fan-out says. */
  setInterest(series: string[]): void {
    this.watched = series;
  }

  /**
   * Once per frame: republishes watched chains when due and samples tracked ones when their interval
   * passed in market time. One refresh at a time, so a slow feed never piles up requests.
   */
  onFrame(nowWallMs: number): void {
    if (this.refreshing || !this.options.fetchChain || nowWallMs - this.lastCheckMs < CHECK_INTERVAL_MS)
      return;
    this.lastCheckMs = nowWallMs;
    const nowUs = this.options.marketNowUs();
    if (nowUs === 0) return;
    this.trackDefault(nowUs);
    for (const key of this.watched) {
      const [underlying, expiry] = key.split('@');
      if (underlying && expiry) this.history.track(key, underlying, expiry, nowUs);
    }
    const publishDue = this.watched.length > 0 && nowWallMs - this.lastPublishMs >= PUBLISH_INTERVAL_MS;
    if (publishDue) this.lastPublishMs = nowWallMs;
    const due = new Map<string, string[]>();
    for (const { key, underlying } of this.history.tracked()) {
      if (!(this.history.due(key, nowUs) || (publishDue && this.watched.includes(key)))) continue;
      due.set(underlying, [...(due.get(underlying) ?? []), key]);
    }
    if (due.size === 0) return;
    this.refreshing = true;
    void Promise.all(
      [...due].map(async ([underlying, keys]) => {
        const views = await this.refreshUnderlying(underlying, keys);
        for (const [key, view] of views) if (this.watched.includes(key)) this.options.publish(view);
      }),
    )
      .catch((error: Error) => {
        if (!isFeedClosedError(error)) this.options.log(`option chain not refreshed: ${error.message}`);
      })
      .finally(() => (this.refreshing = false));
  }

  private trackDefault(nowUs: number): void {
    const underlying = this.options.defaultUnderlying();
    const expiry = listing(this.options.instruments()).expiries(underlying)[0];
    if (expiry) this.history.track(chainSeriesKey(underlying, expiry), underlying, expiry, nowUs);
  }

  private resolveLive(
    underlying: string | undefined,
    expiry: string | undefined,
  ): { underlying: string; expiry: string } {
    if (!this.options.fetchChain)
      throw new ApiError(
        'UNAVAILABLE',
        `the market feed (${this.options.liveSourceName}) serves no option chain`,
      );
    const live = listing(this.options.instruments());
    const name = underlying ?? this.options.defaultUnderlying();
    const expiries = live.expiries(name);
    if (expiries.length === 0)
      throw new ApiError(
        'BAD_REQUEST',
        `underlying ${name} has no listed options (listed: ${live.underlyings.join(', ') || 'none'})`,
        'underlying',
      );
    const chosen = expiry ?? expiries[0];
    if (!expiries.includes(chosen))
      throw new ApiError(
        'BAD_REQUEST',
        `${name} has no listed expiry ${chosen} (listed: ${expiries.join(', ')})`,
        'expiry',
      );
    return { underlying: name, expiry: chosen };
  }

  /**
   * Fetches every listed expiry of an underlying (the vol surface needs them all), records a sample
   * for each tracked series that is due, and builds the views of `keys`.
   */
  private async refreshUnderlying(
    underlying: string,
    keys: readonly string[],
  ): Promise<Map<string, ChainView>> {
    const fetchChain = this.options.fetchChain;
    if (!fetchChain) return new Map();
    const live = listing(this.options.instruments());
    const expiries = live.expiries(underlying);
    const snapshots = await Promise.all(expiries.map((expiry) => fetchChain(underlying, expiry)));
    const views = new Map<string, ChainView>();
    for (const snapshot of snapshots) {
      const key = chainSeriesKey(underlying, snapshot.expiry);
      if (!keys.includes(key)) continue;
      const view = buildChainView(snapshot, {
        source: 'live',
        sourceName: this.options.liveSourceName,
        expiries,
        underlyings: live.underlyings,
        symbolOf: live.symbolOf(underlying, snapshot.expiry),
        ivHistory: this.history.atmIvs(key),
        surfaceSnapshots: snapshots,
      });
      if (this.history.due(key, snapshot.timestampUs)) this.history.record(key, chainSample(view));
      views.set(key, view);
    }
    return views;
  }

  private importedView(expiry: string | undefined): ChainView {
    const imported = this.imported;
    if (!imported) throw new ApiError('BAD_REQUEST', 'no chain file is imported; import one first', 'source');
    const expiries = imported.snapshots.map((snapshot) => snapshot.expiry);
    const snapshot =
      expiry === undefined ? imported.snapshots[0] : imported.snapshots.find((s) => s.expiry === expiry);
    if (!snapshot)
      throw new ApiError(
        'BAD_REQUEST',
        `${imported.name} has no expiry ${expiry} (it has ${expiries.join(', ')})`,
        'expiry',
      );
    return buildChainView(snapshot, {
      source: 'imported',
      sourceName: imported.name,
      expiries,
      underlyings: [snapshot.underlying],
      symbolOf: () => null,
      surfaceSnapshots: imported.snapshots,
    });
  }
}
