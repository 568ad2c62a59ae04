/**
 * What the option chain window sees (issue 13). Chain prices are plain decimals of the underlying's
 * currency, as the chain analytics use them (src/shared/options/chain/snapshot.ts); an order placed
 * from the chain converts to the contract's price units. A figure the chain cannot give (no call OI
 * for a PCR, no IV for greeks) is null.
 */

export type ChainSourceView = 'live' | 'imported';

/** One side (CE or PE) of one strike. Greeks are the model's (BSM, rate 0) at the contract's own IV. */
export interface ChainQuoteView {
  /** The tradable contract in the instrument list (live chains), null when there is none (imported). */
  readonly symbol: string | null;
  readonly bid: number;
  readonly ask: number;
  readonly ltp: number;
  readonly bidQty: number;
  readonly askQty: number;
  /** Fraction, 0.1425 = 14.25 %. */
  readonly iv: number | null;
  readonly delta: number | null;
  /** Per 1 point of the underlying. */
  readonly gamma: number | null;
  /** Per calendar day. */
  readonly theta: number | null;
  /** Per 1 volatility point (1 %). */
  readonly vega: number | null;
  readonly oi: number;
  readonly oiChange: number;
  readonly volume: number;
}

export interface ChainRowView {
  readonly strike: number;
  readonly ce: ChainQuoteView | null;
  readonly pe: ChainQuoteView | null;
  /** Option holders' total payout if the underlying settled at this strike (the max-pain curve). */
  readonly pain: number;
  /** Gamma exposure per 1 % move, currency (calls +, puts −, the dealer-positioning convention). */
  readonly ceGex: number;
  readonly peGex: number;
}

export interface ChainSummaryView {
  readonly spot: number;
  readonly atmStrike: number | null;
  readonly yearsToExpiry: number;
  readonly pcrOi: number | null;
  readonly pcrVolume: number | null;
  readonly maxPain: number | null;
  /** Fraction. */
  readonly atmIv: number | null;
  /** Share (0–100) of this session's sampled ATM IVs below the current one; null without history. */
  readonly ivPercentile: number | null;
  /** ATM call + put. */
  readonly straddle: number | null;
  /** Straddle / spot, a fraction: the move to expiry the straddle prices in. */
  readonly impliedMove: number | null;
  /** spot × ATM IV × √T, in points. */
  readonly oneSigmaMove: number | null;
  /** ATM strike + call − put (put-call parity at rate 0). */
  readonly syntheticFuture: number | null;
  /** IV of the ~25-delta put minus the ~25-delta call, fraction: how much dearer downside protection is. */
  readonly skew25: number | null;
  readonly totalCallOi: number;
  readonly totalPutOi: number;
  readonly totalCallVolume: number;
  readonly totalPutVolume: number;
  readonly oiChangeCE: number;
  readonly oiChangePE: number;
  readonly netGex: number;
  /** The strike with the largest call GEX (resistance) and the largest put GEX (support). */
  readonly callWall: number | null;
  readonly putWall: number | null;
  /** Where cumulative GEX changes sign nearest the spot (gamma flip). */
  readonly gexFlip: number | null;
}

/** IV across strikes of one expiry (the OTM side's IV, as the smile uses it). */
export interface ChainSurfaceSliceView {
  readonly expiry: string;
  readonly yearsToExpiry: number;
  readonly points: ReadonlyArray<{ readonly strike: number; readonly iv: number }>;
}

export interface ChainView {
  readonly source: ChainSourceView;
  /** The feed (`built-in exchange`, a broker) or the imported file's name. */
  readonly sourceName: string;
  readonly underlying: string;
  readonly expiry: string;
  /** `underlying@expiry`, the live stream's key. */
  readonly series: string;
  /** Every expiry this source lists for the underlying, ascending. */
  readonly expiries: readonly string[];
  /** Underlyings this source has a chain for. */
  readonly underlyings: readonly string[];
  readonly timestampUs: number;
  /** Units of underlying per unit of OI. */
  readonly contractMultiplier: number;
  readonly rows: readonly ChainRowView[];
  readonly summary: ChainSummaryView;
  readonly surface: readonly ChainSurfaceSliceView[];
}

/** One sample of a live chain's summary, taken on market time for the over-time views. */
export interface ChainSampleView {
  readonly tsUs: number;
  readonly spot: number;
  readonly atmStrike: number | null;
  readonly atmIv: number | null;
  readonly straddle: number | null;
  readonly syntheticFuture: number | null;
  readonly impliedMove: number | null;
  readonly pcrOi: number | null;
  readonly pcrVolume: number | null;
  readonly maxPain: number | null;
  readonly totalCallOi: number;
  readonly totalPutOi: number;
  readonly netGex: number;
}

export interface ChainHistoryView {
  readonly underlying: string;
  readonly expiry: string;
  readonly series: string;
  /** Market time between samples. */
  readonly intervalUs: number;
  /** The most samples kept; older ones are dropped first. */
  readonly capacity: number;
  /** Oldest first. */
  readonly samples: readonly ChainSampleView[];
}

/** A file arrives in parts: each part is acknowledged, the last one answers with the chain. */
export type ChainImportResult =
  | { readonly status: 'partial'; readonly received: number; readonly parts: number }
  | { readonly status: 'imported'; readonly chain: ChainView };
