import { z } from 'zod';

/**
 * The engine's strategy parameters (a preset's `params`), validated at the boundary: ranges per
 * field, cross-field rules in `superRefine`. Every object is `.strict()` so a typo in a preset file or
 * a trader's edit is an error, not a silently ignored key. Units are in the names: `...Percent` of the
 * entry premium (exits) or of the price (indicators), `...Ms`/`...Seconds`, `...Ticks`, money in the
 * instrument's currency major units (rupees, dollars). docs/engine.md explains each group.
 */

export const SIGNAL_NAMES = ['orderFlowImbalance', 'momentumBurst', 'breakout', 'vwapRejection'] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

export const PACK_NAMES = ['momentum', 'meanReversion', 'orderFlow', 'volatility'] as const;
export type PackName = (typeof PACK_NAMES)[number];

export const REGIME_NAMES = ['trend', 'range', 'volatile', 'unknown'] as const;
export type RegimeName = (typeof REGIME_NAMES)[number];

/** Velocity windows the indicator layer maintains (fixed: the ring buffers are sized for them). */
export const VELOCITY_WINDOW_SECONDS = [5, 15, 30, 60] as const;
export type VelocityWindowSeconds = (typeof VELOCITY_WINDOW_SECONDS)[number];

const percent = z.number().min(0).max(100);
const positivePercent = z.number().positive().max(100);
const fraction = z.number().min(0).max(1);
const ms = z.number().int().min(0).max(86_400_000);
const seconds = z.number().int().min(0).max(86_400);
const minutes = z.number().min(0).max(1440);
const money = z.number().min(0);
const count = z.number().int().min(0);
const positiveCount = z.number().int().positive();
const multiplier = z.number().positive().max(10);
const windowSeconds = z.union([z.literal(5), z.literal(15), z.literal(30), z.literal(60)]);

const indicatorsSchema = z
  .object({
    emaFastPeriod: z.number().int().min(2).max(200),
    emaSlowPeriod: z.number().int().min(3).max(400),
    atrPeriod: z.number().int().min(2).max(200),
    rsiPeriod: z.number().int().min(2).max(200),
    /** Bars each side a 1 s bar's high/low must dominate to be a swing (fractal pivot). */
    swingStrengthBars: z.number().int().min(1).max(30),
    /** Rolling window of the volume baseline (per-second average). */
    volumeBaselineSeconds: z.number().int().min(30).max(3600),
    /** Window of buy/sell pressure (share of aggressive volume). */
    pressureWindowSeconds: windowSeconds,
    /** Window of the momentum tick count (upticks minus downticks). */
    momentumTickWindowSeconds: windowSeconds,
    /** Quotes kept for the rolling spread percentile. */
    spreadPercentileSamples: z.number().int().min(20).max(10_000),
    /** A run of same-side prints at one timestamp through this many price levels is a sweep. */
    sweepMinLevels: z.number().int().min(2).max(20),
    /** A 5 s move larger than this many 1 s ATRs is a spike. */
    spikeAtrMultiple: z.number().positive().max(50),
  })
  .strict();

const regimeSchema = z
  .object({
    /** 1 s bars over which Kaufman's efficiency ratio is measured. */
    efficiencyWindowBars: z.number().int().min(5).max(600),
    trendEnterEfficiency: fraction,
    trendExitEfficiency: fraction,
    /** ATR(1 s) percentile within `atrHistoryBars` that makes the tape volatile. */
    volatileEnterAtrPercentile: percent,
    volatileExitAtrPercentile: percent,
    atrHistoryBars: z.number().int().min(30).max(3600),
    /** A new regime must hold this long before the router switches (anti-flap). */
    minDwellSeconds: seconds,
  })
  .strict();

const packSchema = z
  .object({
    enabled: z.boolean(),
    signals: z.array(z.enum(SIGNAL_NAMES)).min(1),
    sizeMultiplier: multiplier,
    stopMultiplier: multiplier,
  })
  .strict();

const packListSchema = z.array(z.enum(PACK_NAMES));

const routerSchema = z
  .object({
    /** true: the regime picks the packs (Auto-Adaptive); false: `static` packs trade in every regime. */
    adaptive: z.boolean(),
    static: packListSchema,
    trend: packListSchema,
    range: packListSchema,
    volatile: packListSchema,
    unknown: packListSchema,
  })
  .strict();

const signalsSchema = z
  .object({
    /** Order in which signals are checked; on equal confidence the earlier one wins. */
    priority: z.array(z.enum(SIGNAL_NAMES)),
    /** A signal that stays true is re-examined as a new candidate at most this often. */
    candidateIntervalMs: ms,
    momentumBurst: z
      .object({
        windowSeconds,
        minChangePercent: z.number().positive().max(10),
        minVolumeRatio: z.number().min(0).max(50),
        /** Share of ticks in the window that moved in the burst's direction. */
        minDirectionShare: fraction,
      })
      .strict(),
    vwapRejection: z
      .object({
        touchTicks: count,
        bounceTicks: positiveCount,
        windowSeconds: z.number().int().min(1).max(300),
        minVolumeRatio: z.number().min(0).max(50),
        /** Also treat the ±2σ bands as rejection levels (mean reversion). */
        useBands: z.boolean(),
      })
      .strict(),
    breakout: z
      .object({
        minBreakTicks: positiveCount,
        minVolumeRatio: z.number().min(0).max(50),
        /** A break stays a signal this long after the level is crossed. */
        holdSeconds: z.number().int().min(1).max(300),
      })
      .strict(),
    orderFlowImbalance: z
      .object({
        minPressure: fraction,
        /** Above this the flow is exhaustion, not imbalance (issue 4: 70–95 %). */
        maxPressure: fraction,
        /** Top-5 bid size over top-5 ask size (mirror for puts). */
        minBookRatio: z.number().min(1).max(20),
        /** Aggressive volume needed in the pressure window for the share to mean anything. */
        minWindowVolume: count,
      })
      .strict(),
  })
  .strict();

const entrySchema = z
  .object({
    /** Marketable limit at the ask plus `offsetTicks`, or a market order. */
    orderType: z.enum(['limit', 'market']),
    offsetTicks: count,
    timeInForce: z.enum(['IOC', 'DAY']),
    /** A DAY entry not filled within this is cancelled. */
    timeoutMs: ms,
    /**
     * A working DAY limit entry is re-priced (modifyOrder) to the new ask + offsetTicks when the ask
     * has moved this many ticks above its limit; 0 = never chase.
     */
    chaseTicks: count,
    /** At most this many re-prices per entry; the timeout still cancels it. */
    maxChases: z.number().int().min(0).max(20),
  })
  .strict();

const selectionSchema = z
  .object({
    targetDelta: z.number().min(0.05).max(0.95),
    /** The |delta| band around targetDelta a contract must be in (0.35 ± 0.15: neither a lottery ticket nor a stock substitute). */
    maxDeltaDistance: z.number().min(0.01).max(0.9),
    /** Spread over the mid, in percent: the specification's ceiling is 5 %. */
    maxSpreadPercent: z.number().positive().max(5),
    /** Open interest floor: a contract nobody holds cannot be left at a fair price. */
    minOpenInterest: positiveCount,
    minPremium: money,
    maxPremium: z.number().positive(),
    /** Vol used for deltas when neither the contract nor the options context carries one. */
    fallbackIv: z.number().positive().max(5),
    riskFreeRate: z.number().min(0).max(0.5),
    /** On expiry day, switch to the next expiry this many minutes before the close (0 = never). */
    rollExpiryMinutesBeforeClose: minutes,
    /**
     * Options: the furthest expiry traded, in trading days from today: 0 = 0DTE only, 1 = 0DTE when
     * today is an expiry day, else 1DTE. Scalps live on gamma; a week-out contract barely moves.
     */
    maxDaysToExpiry: z.number().int().min(0).max(30),
    /**
     * What the engine buys and sells: option contracts of the underlying (the default), or the
     * underlying instrument itself, long and short (a stock, a future, an index CFD-style), so the
     * order-flow and momentum packs run on any tick tape. Optional, so the shipped presets' hashes
     * do not change.
     */
    trade: z.enum(['options', 'underlying']).optional(),
    /** Underlying trading only (docs/engine.md, "Trading the underlying"). */
    underlying: z
      .object({
        /**
         * The exits' percentages are stated for an option premium; an underlying position reads its
         * percent move times this factor (an option near 0.35 delta moves about that many times the
         * underlying's percentage), so one preset's stops and trails fit both.
         */
        moveScale: z.number().min(1).max(500).optional(),
        /**
         * Quantity of one engine lot, a whole multiple of the instrument's own lot; default one lot of
         * the instrument (1 share, one exchange lot of a future or index).
         */
        lotQuantity: positiveCount.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Auto-adaptation of an adaptive-router preset that does not state it: arms of the score bar. */
export const DEFAULT_ADAPTATION = {
  enabled: true,
  minScoreOffsets: [0, 5, 10, -5],
  rewardScale: 500,
  exploration: 1,
} as const;

/** The underlying's percent-move scale when a preset does not state it. */
export const DEFAULT_UNDERLYING_MOVE_SCALE = 50;

const sizingSchema = z
  .object({
    mode: z.enum(['fixedLots', 'riskBudget']),
    fixedLots: positiveCount,
    /** Money risked per trade (to the hard stop) in riskBudget mode. */
    riskBudget: money,
    maxLots: positiveCount,
    highIvPercentile: percent,
    highIvMultiplier: multiplier,
    lowIvPercentile: percent,
    lowIvMultiplier: multiplier,
    /** PCR above: bullish positioning (put writers' support); below `pcrBearishBelow`: bearish. */
    pcrBullishAbove: z.number().positive().max(10),
    pcrBearishBelow: z.number().positive().max(10),
    pcrAgreeMultiplier: multiplier,
    pcrDisagreeMultiplier: multiplier,
  })
  .strict();

const toggle = { enabled: z.boolean() };

const gatesSchema = z
  .object({
    marketHours: z
      .object({ ...toggle, noEntryAfterOpenMinutes: minutes, noEntryBeforeCloseMinutes: minutes })
      .strict(),
    dataFreshness: z
      .object({ ...toggle, maxUnderlyingAgeMs: ms, maxContractQuoteAgeMs: ms, maxIndexAgeMs: ms })
      .strict(),
    noTradeZone: z.object({ ...toggle, minRange30sPercent: z.number().min(0).max(10) }).strict(),
    minScore: z.object({ ...toggle, minScore: percent }).strict(),
    hotZone: z
      .object({
        ...toggle,
        scoreBump: percent,
        proximityTicks: count,
        gammaProximityPoints: z.number().min(0),
      })
      .strict(),
    cooldown: z.object({ ...toggle, afterExitMs: ms, afterLossMs: ms }).strict(),
    sideReentry: z.object({ ...toggle, cooldownMs: ms }).strict(),
    tradesPerMinute: z.object({ ...toggle, max: positiveCount }).strict(),
    tradesPerDay: z.object({ ...toggle, max: positiveCount }).strict(),
    consecutiveLosses: z.object({ ...toggle, max: positiveCount, pauseMinutes: minutes }).strict(),
    /** Positions at once, and lots at once over all of them (working entries included). */
    maxConcurrentPositions: z.object({ ...toggle, max: positiveCount, maxLots: positiveCount }).strict(),
    maxPositionLots: z.object({ ...toggle, max: positiveCount }).strict(),
    /** At most one position (or working entry) per option right: with two positions, a call and a put. */
    oneLegPerSide: z.object({ ...toggle }).strict(),
    spread: z.object({ ...toggle, maxSpreadPercent: positivePercent, maxSpreadPercentile: percent }).strict(),
    liquidity: z.object({ ...toggle, minOpenInterest: count, minDepthLots: count }).strict(),
    optionsContext: z
      .object({
        ...toggle,
        /** Block when no context is loaded (else pass with a null value). */
        requireContext: z.boolean(),
        maxContextAgeSeconds: seconds,
        pcrBullishAbove: z.number().positive().max(10),
        pcrBearishBelow: z.number().positive().max(10),
        /** Spot this far (%) from max pain on the wrong side: expiry pull works against the trade. */
        maxPainPullPercent: z.number().min(0).max(20),
        /** A top-gamma strike this close (points) in the trade's path is a wall. */
        gexWallPoints: z.number().min(0),
      })
      .strict(),
    indexBias: z
      .object({
        ...toggle,
        allowNeutral: z.boolean(),
        windowSeconds,
        minChangePercent: z.number().min(0).max(10),
      })
      .strict(),
    regimeBudget: z
      .object({ ...toggle, trend: count, range: count, volatile: count, unknown: count })
      .strict(),
    dailyLossLimit: z.object({ ...toggle }).strict(),
    peakToTrough: z
      .object({
        ...toggle,
        minPeakProfit: money,
        maxGivebackPercent: positivePercent,
        /** On a breach also close every engine position (else entries stop and positions run their exits). */
        flatten: z.boolean(),
      })
      .strict(),
    sideKillSwitch: z.object({ ...toggle, callsEnabled: z.boolean(), putsEnabled: z.boolean() }).strict(),
    rejectRate: z
      .object({ ...toggle, windowOrders: positiveCount, maxRejects: positiveCount, pauseMinutes: minutes })
      .strict(),
    pendingEntry: z.object({ ...toggle }).strict(),
    /**
     * No entry until the indicators the routed packs read exist (1 s and 1 min EMA/ATR/RSI, 60 s
     * velocity, volume baseline), the regime is known and, for options, a fresh options context is loaded.
     */
    warmUp: z.object({ ...toggle, requireOptionsContext: z.boolean() }).strict(),
    /**
     * Adding to a held position: refused unless `allowScaling`, and then only while the position shows
     * at least `minProfitPercent` (never into a loser).
     */
    addToPosition: z
      .object({ ...toggle, allowScaling: z.boolean(), minProfitPercent: z.number().min(0) })
      .strict(),
    /**
     * Realised slippage of the last `windowFills` fills (fill price against the price the engine saw
     * when it sent the order, adverse side, in percent of that price, averaged) above
     * `maxAveragePercent` pauses entries for `pauseMinutes`: the book is thinner than it looks.
     */
    slippage: z
      .object({
        ...toggle,
        windowFills: positiveCount,
        maxAveragePercent: z.number().min(0).max(50),
        pauseMinutes: minutes,
      })
      .strict(),
    /**
     * A sweep of the underlying against the trade (a sell sweep before a call, a buy sweep before a
     * put, through at least `indicators.sweepMinLevels` levels) within `withinSeconds` blocks the entry.
     * Optional (absent = off), so the shipped presets' hashes do not change.
     */
    sweepAgainst: z
      .object({ ...toggle, withinSeconds: z.number().int().min(1).max(600) })
      .strict()
      .optional(),
  })
  .strict();

const exitsSchema = z
  .object({
    orderType: z.enum(['limit', 'market']),
    offsetTicks: count,
    /** A rejected or unfilled exit is re-sent after this. */
    retryMs: ms,
    /** Price the exits read: bid (what a sell gets), mid, or last trade. */
    markPrice: z.enum(['bid', 'mid', 'last']),
    hardStop: z.object({ ...toggle, stopLossPercent: positivePercent }).strict(),
    perTradeLoss: z.object({ ...toggle, maxLoss: money }).strict(),
    dailyLoss: z.object({ ...toggle }).strict(),
    takeProfit: z.object({ ...toggle, takeProfitPercent: z.number().positive().max(1000) }).strict(),
    trailingStop: z
      .object({
        ...toggle,
        breakevenTriggerPercent: z.number().positive(),
        breakevenOffsetPercent: z.number().min(0),
        lockTriggerPercent: z.number().positive(),
        lockPercent: z.number().min(0),
        trailTriggerPercent: z.number().positive(),
        trailDistancePercent: z.number().positive(),
        tightTriggerPercent: z.number().positive(),
        tightDistancePercent: z.number().positive(),
        accelerateTriggerPercent: z.number().positive(),
        /** Each further `accelerateStepPercent` of favourable excursion multiplies the distance by `accelerateFactor`. */
        accelerateStepPercent: z.number().positive(),
        accelerateFactor: z.number().positive().max(1),
        minDistancePercent: z.number().positive(),
      })
      .strict(),
    greeksTrail: z
      .object({
        ...toggle,
        /** |delta| at or above this is treated as at the money (highest gamma). */
        atmDelta: fraction,
        /** |delta| at or below this is treated as out of the money. */
        otmDelta: fraction,
        atmFactor: multiplier,
        otmFactor: multiplier,
        /** Distance × (1 + ivWeight × (ivPercentile − 50) / 100). */
        ivWeight: z.number().min(0).max(2),
        minFactor: multiplier,
        maxFactor: multiplier,
      })
      .strict(),
    timeExit: z.object({ ...toggle, maxHoldSeconds: positiveCount }).strict(),
    sessionSquareOff: z.object({ ...toggle, minutesBeforeClose: minutes }).strict(),
    momentumReversal: z
      .object({
        ...toggle,
        windowSeconds,
        reversalPercent: z.number().positive().max(10),
        minHoldSeconds: seconds,
      })
      .strict(),
    oiAgainst: z.object({ ...toggle, minContracts: count, ratio: z.number().min(1).max(100) }).strict(),
    oiUnwinding: z.object({ ...toggle, minContracts: count, minProfitPercent: z.number().min(0) }).strict(),
    spreadWidening: z
      .object({ ...toggle, multiple: z.number().min(1).max(50), minTicks: positiveCount })
      .strict(),
    ivSpike: z.object({ ...toggle, risePercent: z.number().positive().max(500) }).strict(),
    gexBroken: z.object({ ...toggle, bufferPoints: z.number().min(0) }).strict(),
    /**
     * Theta: after `minHoldSeconds`, a premium down `decayPercent` while the underlying has gone nowhere
     * (within `flatPercent` of the entry spot) is time decay, not a move that may come back: leave.
     */
    thetaDecay: z
      .object({
        ...toggle,
        minHoldSeconds: seconds,
        decayPercent: positivePercent,
        flatPercent: z.number().min(0).max(5),
      })
      .strict(),
    /** IV crush: ATM implied volatility fell `dropPercent` (relative) since entry; vega is bleeding the premium. */
    ivCrush: z.object({ ...toggle, dropPercent: z.number().positive().max(100) }).strict(),
  })
  .strict();

const riskSchema = z
  .object({
    /** Day P&L (realised + unrealised, after charges) at which the day stops. */
    dailyLossLimit: z.number().positive(),
  })
  .strict();

export const engineParamsSchema = z
  .object({
    indicators: indicatorsSchema,
    regime: regimeSchema,
    packs: z
      .object({
        momentum: packSchema,
        meanReversion: packSchema,
        orderFlow: packSchema,
        volatility: packSchema,
      })
      .strict(),
    router: routerSchema,
    signals: signalsSchema,
    entry: entrySchema,
    selection: selectionSchema,
    sizing: sizingSchema,
    gates: gatesSchema,
    exits: exitsSchema,
    risk: riskSchema,
    /**
     * Bounded auto-adaptation (docs/engine.md, "Auto-adaptation"). Optional: absent means on for an
     * adaptive router (Auto-Adaptive) with the defaults of `DEFAULT_ADAPTATION`, off otherwise.
     */
    adaptation: z
      .object({
        enabled: z.boolean(),
        /** The arms: offsets added to `gates.minScore.minScore`; the first is the starting arm. The bounds. */
        minScoreOffsets: z.array(z.number().int().min(-20).max(30)).min(2).max(8),
        /** Net P&L (major units) that counts as a full reward of ±1 (rewards are clipped there). */
        rewardScale: z.number().positive(),
        /** UCB1 exploration weight (0: pure exploitation once every arm was tried). */
        exploration: z.number().min(0).max(5),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((params, context) => {
    const issue = (path: (string | number)[], message: string): void => {
      context.addIssue({ code: 'custom', path, message });
    };
    const { indicators, regime, signals, sizing, gates, exits } = params;
    if (indicators.emaFastPeriod >= indicators.emaSlowPeriod)
      issue(['indicators', 'emaFastPeriod'], 'must be below indicators.emaSlowPeriod');
    if (regime.trendExitEfficiency >= regime.trendEnterEfficiency)
      issue(['regime', 'trendExitEfficiency'], 'must be below regime.trendEnterEfficiency (hysteresis)');
    if (regime.volatileExitAtrPercentile >= regime.volatileEnterAtrPercentile)
      issue(
        ['regime', 'volatileExitAtrPercentile'],
        'must be below regime.volatileEnterAtrPercentile (hysteresis)',
      );
    const priority = signals.priority;
    if (priority.length !== SIGNAL_NAMES.length || new Set(priority).size !== SIGNAL_NAMES.length)
      issue(['signals', 'priority'], `must list each of ${SIGNAL_NAMES.join(', ')} exactly once`);
    const flow = signals.orderFlowImbalance;
    if (flow.minPressure >= flow.maxPressure)
      issue(['signals', 'orderFlowImbalance', 'minPressure'], 'must be below maxPressure');
    if (flow.minPressure <= 0.5)
      issue(['signals', 'orderFlowImbalance', 'minPressure'], 'must be above 0.5 (a majority)');
    if (sizing.maxLots > gates.maxPositionLots.max)
      issue(['sizing', 'maxLots'], 'must not exceed gates.maxPositionLots.max');
    if (sizing.fixedLots > sizing.maxLots) issue(['sizing', 'fixedLots'], 'must not exceed sizing.maxLots');
    if (sizing.maxLots > gates.maxConcurrentPositions.maxLots)
      issue(['sizing', 'maxLots'], 'must not exceed gates.maxConcurrentPositions.maxLots');
    if (gates.liquidity.minOpenInterest < params.selection.minOpenInterest)
      issue(['gates', 'liquidity', 'minOpenInterest'], 'must be at least selection.minOpenInterest');
    if (sizing.lowIvPercentile >= sizing.highIvPercentile)
      issue(['sizing', 'lowIvPercentile'], 'must be below sizing.highIvPercentile');
    if (sizing.highIvMultiplier > 1)
      issue(['sizing', 'highIvMultiplier'], 'must not exceed 1 (high IV scales down)');
    if (sizing.lowIvMultiplier < 1)
      issue(['sizing', 'lowIvMultiplier'], 'must be at least 1 (low IV scales up)');
    if (sizing.pcrBearishBelow >= sizing.pcrBullishAbove)
      issue(['sizing', 'pcrBearishBelow'], 'must be below sizing.pcrBullishAbove');
    if (sizing.mode === 'riskBudget' && sizing.riskBudget <= 0)
      issue(['sizing', 'riskBudget'], 'must be positive in riskBudget mode');
    if (gates.optionsContext.pcrBearishBelow >= gates.optionsContext.pcrBullishAbove)
      issue(['gates', 'optionsContext', 'pcrBearishBelow'], 'must be below pcrBullishAbove');
    if (gates.cooldown.afterLossMs < gates.cooldown.afterExitMs)
      issue(['gates', 'cooldown', 'afterLossMs'], 'must be at least gates.cooldown.afterExitMs');
    if (gates.tradesPerMinute.max > gates.tradesPerDay.max)
      issue(['gates', 'tradesPerMinute', 'max'], 'must not exceed gates.tradesPerDay.max');
    if (exits.sessionSquareOff.minutesBeforeClose > gates.marketHours.noEntryBeforeCloseMinutes)
      issue(
        ['exits', 'sessionSquareOff', 'minutesBeforeClose'],
        'must not exceed gates.marketHours.noEntryBeforeCloseMinutes (no entry that would be squared off at once)',
      );
    if (exits.perTradeLoss.maxLoss > params.risk.dailyLossLimit)
      issue(['exits', 'perTradeLoss', 'maxLoss'], 'must not exceed risk.dailyLossLimit');
    const trail = exits.trailingStop;
    const triggers: [string, number][] = [
      ['breakevenTriggerPercent', trail.breakevenTriggerPercent],
      ['lockTriggerPercent', trail.lockTriggerPercent],
      ['trailTriggerPercent', trail.trailTriggerPercent],
      ['tightTriggerPercent', trail.tightTriggerPercent],
      ['accelerateTriggerPercent', trail.accelerateTriggerPercent],
    ];
    for (let i = 1; i < triggers.length; i++) {
      if (triggers[i][1] <= triggers[i - 1][1])
        issue(
          ['exits', 'trailingStop', triggers[i][0]],
          `must be above ${triggers[i - 1][0]} (stages run in order)`,
        );
    }
    if (trail.breakevenOffsetPercent >= trail.breakevenTriggerPercent)
      issue(['exits', 'trailingStop', 'breakevenOffsetPercent'], 'must be below breakevenTriggerPercent');
    if (trail.lockPercent >= trail.lockTriggerPercent)
      issue(['exits', 'trailingStop', 'lockPercent'], 'must be below lockTriggerPercent');
    if (trail.lockPercent < trail.breakevenOffsetPercent)
      issue(
        ['exits', 'trailingStop', 'lockPercent'],
        'must be at least breakevenOffsetPercent (stages only tighten)',
      );
    if (trail.tightDistancePercent >= trail.trailDistancePercent)
      issue(['exits', 'trailingStop', 'tightDistancePercent'], 'must be below trailDistancePercent');
    if (trail.minDistancePercent > trail.tightDistancePercent)
      issue(['exits', 'trailingStop', 'minDistancePercent'], 'must not exceed tightDistancePercent');
    if (exits.takeProfit.enabled && exits.takeProfit.takeProfitPercent <= trail.breakevenTriggerPercent)
      issue(
        ['exits', 'takeProfit', 'takeProfitPercent'],
        'must be above exits.trailingStop.breakevenTriggerPercent',
      );
    const greeks = exits.greeksTrail;
    if (greeks.otmDelta >= greeks.atmDelta)
      issue(['exits', 'greeksTrail', 'otmDelta'], 'must be below atmDelta');
    if (greeks.minFactor > greeks.maxFactor)
      issue(['exits', 'greeksTrail', 'minFactor'], 'must not exceed maxFactor');
    if (greeks.atmFactor > greeks.otmFactor)
      issue(['exits', 'greeksTrail', 'atmFactor'], 'must not exceed otmFactor (near-ATM trails tighter)');
    const routed = params.router.adaptive
      ? [...params.router.trend, ...params.router.range, ...params.router.volatile, ...params.router.unknown]
      : params.router.static;
    if (!routed.some((pack) => params.packs[pack].enabled))
      issue(['router'], 'routes to no enabled pack: the engine could never enter');
  });

export type EngineParams = z.output<typeof engineParamsSchema>;

export const presetFileSchema = z
  .object({
    name: z.string().min(1).max(60),
    version: z.number().int().positive(),
    description: z.string().min(1),
    /** SHA-256 of the canonical JSON of `params` (see contentHash.ts); a changed preset gets a new version and hash. */
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    params: engineParamsSchema,
  })
  .strict();

export type PresetFile = z.output<typeof presetFileSchema>;
