import type {
  ChainQuoteView,
  ChainRowView,
  ChainSampleView,
  ChainSourceView,
  ChainSummaryView,
  ChainSurfaceSliceView,
  ChainView,
} from '../../../shared/api/chainViews';
import { chainSeriesKey } from '../../../shared/api/chainSchemas';
import { analyzeChain } from '../../../shared/options/chain/analyzeChain';
import { atmIndex } from '../../../shared/options/chain/atm';
import { painByStrike } from '../../../shared/options/chain/maxPain';
import type { ChainQuote, ChainSnapshot } from '../../../shared/options/chain/snapshot';
import { quoteMid, yearsToExpiry } from '../../../shared/options/chain/snapshot';
import { ivSmile } from '../../../shared/options/chain/volatility';
import { priceOption } from '../../../shared/options/pricing';

/** The delta whose put and call IVs the skew compares (the market's usual 25-delta risk reversal). */
const SKEW_DELTA = 0.25;

export interface ChainViewContext {
  readonly source: ChainSourceView;
  readonly sourceName: string;
  readonly expiries: readonly string[];
  readonly underlyings: readonly string[];
  /** The tradable contract of a strike and right, where the catalog lists one. */
  readonly symbolOf: (strike: number, right: 'CE' | 'PE') => string | null;
  /** This session's sampled ATM IVs of the series, for the IV percentile. */
  readonly ivHistory?: readonly number[];
  /** Every expiry's snapshot of the underlying (this one included), for the vol surface. */
  readonly surfaceSnapshots: readonly ChainSnapshot[];
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

function quoteView(
  quote: ChainQuote | null,
  type: 'call' | 'put',
  snapshot: ChainSnapshot,
  strike: number,
  years: number,
  symbol: string | null,
): ChainQuoteView | null {
  if (quote === null) return null;
  // Greeks come from the shared pricing at the contract's own IV (rate 0: the spot is the forward).
  const greeks =
    quote.iv !== null && quote.iv > 0 && years > 0
      ? priceOption({ model: 'bs', type, spot: snapshot.spot, strike, years, rate: 0, vol: quote.iv })
      : null;
  return {
    symbol,
    bid: quote.bid,
    ask: quote.ask,
    ltp: quote.ltp,
    bidQty: quote.bidQty,
    askQty: quote.askQty,
    iv: quote.iv,
    delta: greeks?.delta ?? null,
    gamma: greeks?.gamma ?? null,
    theta: greeks?.thetaPerDay ?? null,
    vega: greeks === null ? null : greeks.vega / 100,
    oi: quote.oi,
    oiChange: quote.oiChange,
    volume: quote.volume,
  };
}

/** IV of the quote whose delta is nearest `target` (calls +, puts −), or null when none has greeks. */
function ivNearDelta(rows: readonly ChainRowView[], side: 'ce' | 'pe', target: number): number | null {
  let best: ChainQuoteView | null = null;
  for (const row of rows) {
    const quote = row[side];
    if (quote?.delta == null || quote.iv === null) continue;
    if (best?.delta == null || Math.abs(quote.delta - target) < Math.abs(best.delta - target)) best = quote;
  }
  return best?.iv ?? null;
}

function strikeOfLargest(rows: readonly ChainRowView[], value: (row: ChainRowView) => number): number | null {
  let best: ChainRowView | null = null;
  for (const row of rows) if (value(row) > 0 && (best === null || value(row) > value(best))) best = row;
  return best?.strike ?? null;
}

function surfaceSlice(snapshot: ChainSnapshot): ChainSurfaceSliceView {
  return {
    expiry: snapshot.expiry,
    yearsToExpiry: yearsToExpiry(snapshot),
    points: ivSmile(snapshot).flatMap((point) =>
      point.iv === null ? [] : [{ strike: point.strike, iv: point.iv }],
    ),
  };
}

/** One chain snapshot as the window shows it: per-strike quotes with greeks, the analytics summary, the surface. */
export function buildChainView(snapshot: ChainSnapshot, context: ChainViewContext): ChainView {
  const analytics = analyzeChain(snapshot, { ivHistory: context.ivHistory });
  const years = analytics.yearsToExpiry;
  const pain = painByStrike(snapshot);
  const rows: ChainRowView[] = snapshot.rows.map((row, index) => ({
    strike: row.strike,
    ce: quoteView(row.ce, 'call', snapshot, row.strike, years, context.symbolOf(row.strike, 'CE')),
    pe: quoteView(row.pe, 'put', snapshot, row.strike, years, context.symbolOf(row.strike, 'PE')),
    pain: pain[index],
    ceGex: analytics.gex.strikes[index]?.ceGex ?? 0,
    peGex: analytics.gex.strikes[index]?.peGex ?? 0,
  }));
  const atmRow = snapshot.rows[atmIndex(snapshot)];
  const syntheticFuture =
    atmRow?.ce && atmRow.pe ? atmRow.strike + quoteMid(atmRow.ce) - quoteMid(atmRow.pe) : Number.NaN;
  const putSkewIv = ivNearDelta(rows, 'pe', -SKEW_DELTA);
  const callSkewIv = ivNearDelta(rows, 'ce', SKEW_DELTA);
  const summary: ChainSummaryView = {
    spot: snapshot.spot,
    atmStrike: finite(analytics.atmStrike),
    yearsToExpiry: years,
    pcrOi: finite(analytics.pcrOi),
    pcrVolume: finite(analytics.pcrVolume),
    maxPain: finite(analytics.maxPain),
    atmIv: finite(analytics.atmIv),
    ivPercentile: analytics.ivPercentile,
    straddle: finite(analytics.straddle),
    impliedMove: finite(analytics.impliedMove),
    oneSigmaMove: finite(analytics.oneSigmaMove),
    syntheticFuture: finite(syntheticFuture),
    skew25: putSkewIv !== null && callSkewIv !== null ? putSkewIv - callSkewIv : null,
    totalCallOi: analytics.totalCallOi,
    totalPutOi: analytics.totalPutOi,
    totalCallVolume: analytics.totalCallVolume,
    totalPutVolume: analytics.totalPutVolume,
    oiChangeCE: analytics.oiChangeCE,
    oiChangePE: analytics.oiChangePE,
    netGex: analytics.gex.netGex,
    callWall: strikeOfLargest(rows, (row) => row.ceGex),
    putWall: strikeOfLargest(rows, (row) => -row.peGex),
    gexFlip: analytics.gex.flipLevels[0] ?? null,
  };
  return {
    source: context.source,
    sourceName: context.sourceName,
    underlying: snapshot.underlying,
    expiry: snapshot.expiry,
    series: chainSeriesKey(snapshot.underlying, snapshot.expiry),
    expiries: context.expiries,
    underlyings: context.underlyings,
    timestampUs: snapshot.timestampUs,
    contractMultiplier: snapshot.contractMultiplier,
    rows,
    summary,
    surface: context.surfaceSnapshots.map(surfaceSlice),
  };
}

/** The summary figures the over-time views plot, from a built view. */
export function chainSample(view: ChainView): ChainSampleView {
  const summary = view.summary;
  return {
    tsUs: view.timestampUs,
    spot: summary.spot,
    atmStrike: summary.atmStrike,
    atmIv: summary.atmIv,
    straddle: summary.straddle,
    syntheticFuture: summary.syntheticFuture,
    impliedMove: summary.impliedMove,
    pcrOi: summary.pcrOi,
    pcrVolume: summary.pcrVolume,
    maxPain: summary.maxPain,
    totalCallOi: summary.totalCallOi,
    totalPutOi: summary.totalPutOi,
    netGex: summary.netGex,
  };
}
