import { z } from 'zod';
import type { Symbol } from '../ids';
import type { EquityInstrument, ExerciseStyle, IndexInstrument, MarketProfile } from '../instrument';
import type { PriceFormat } from '../price';
import type { DayNumber, Weekday } from './civilDate';
import { isIsoDate, parseIsoDate, weekdayFromName, WEEKDAY_NAMES } from './civilDate';
import { dataErrorFromZod, MarketDataError } from './dataErrors';

/**
 * Instrument master (resources/instruments/<profile>.json): the underlyings a market profile offers
 * and the option series on each (lot size, multiplier, tick, freeze quantity, strike step, expiry
 * rules). Exchange facts live in the data file with their source and date, not in code, because
 * exchanges revise them (NSE reviews index lot sizes twice a year; SEBI moved expiry days in 2025).
 *
 * `parseInstrumentMaster` is pure: it takes already-parsed JSON, validates it with zod and returns
 * typed instruments; reading the file is the caller's job.
 */

const isoDateSchema = z.string().refine(isIsoDate, 'must be a valid date in YYYY-MM-DD form');
const symbolTextSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,19}$/, 'must be 1–20 upper-case letters or digits');
const positiveIntegerSchema = z.number().int('must be a whole number').positive('must be positive');

const sourceSchema = z
  .object({
    about: z.string().min(1),
    source: z.string().min(1),
    date: isoDateSchema,
  })
  .strict();

const expiryRuleSchema = z
  .object({
    /**
     * daily: every trading day (SPY, QQQ). weekly: every `weekday`. monthly: the `occurrence`
     * ('last' or 1–5) `weekday` of each month.
     */
    cycle: z.enum(['daily', 'weekly', 'monthly']),
    weekday: z.enum(WEEKDAY_NAMES).optional(),
    occurrence: z.union([z.literal('last'), z.number().int().min(1).max(5)]).optional(),
    /** What happens when the nominal expiry day is not a trading day (NSE, OCC: the previous trading day). */
    holidayShift: z.enum(['previousTradingDay']),
    effectiveFrom: isoDateSchema.optional(),
    effectiveTo: isoDateSchema.optional(),
    source: z.string().min(1),
    asOf: isoDateSchema,
  })
  .strict()
  .superRefine((rule, context) => {
    if (rule.cycle !== 'daily' && rule.weekday === undefined)
      context.addIssue({
        code: 'custom',
        path: ['weekday'],
        message: `is required for a ${rule.cycle} rule`,
      });
    if (rule.cycle === 'monthly' && rule.occurrence === undefined)
      context.addIssue({
        code: 'custom',
        path: ['occurrence'],
        message: "is required for a monthly rule ('last' or 1–5)",
      });
    if (rule.cycle !== 'monthly' && rule.occurrence !== undefined)
      context.addIssue({ code: 'custom', path: ['occurrence'], message: 'applies only to a monthly rule' });
    if (
      rule.effectiveFrom !== undefined &&
      rule.effectiveTo !== undefined &&
      rule.effectiveTo < rule.effectiveFrom
    )
      context.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: 'must not be before effectiveFrom',
      });
  });

const priceFormatFields = {
  /** Decimals of the minor price unit (2: prices are carried in paise / cents). */
  priceDecimals: z.number().int().min(0).max(8),
  /** Tick size as a decimal (0.05); must be a whole number of minor units. */
  tickSize: z.number().positive('must be positive'),
};

const optionSeriesSchema = z
  .object({
    exchange: z.string().min(1),
    ...priceFormatFields,
    lotSize: positiveIntegerSchema,
    multiplier: positiveIntegerSchema,
    /** 0 = no exchange freeze limit. */
    freezeQuantity: z.number().int().min(0),
    strikeStep: z.number().positive('must be positive'),
    exerciseStyle: z.enum(['european', 'american']),
    settlement: z.enum(['cash', 'physical']),
    /** How the right is written in symbols: NSE `CE`/`PE`, OCC `C`/`P`. */
    rightStyle: z.enum(['CE/PE', 'C/P']),
    expiryRules: z.array(expiryRuleSchema).min(1, 'must list at least one expiry rule'),
  })
  .strict();

const underlyingSchema = z
  .object({
    symbol: symbolTextSchema,
    name: z.string().min(1),
    kind: z.enum(['index', 'equity']),
    exchange: z.string().min(1),
    ...priceFormatFields,
    lotSize: positiveIntegerSchema,
    freezeQuantity: z.number().int().min(0),
    options: optionSeriesSchema,
    notes: z.array(z.string()).optional(),
  })
  .strict();

export const instrumentMasterFileSchema = z
  .object({
    profile: z.enum(['nse', 'us']),
    name: z.string().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as INR'),
    calendar: z.string().min(1),
    asOf: isoDateSchema,
    sources: z.array(sourceSchema).min(1, 'must name at least one source'),
    underlyings: z.array(underlyingSchema).min(1, 'must list at least one underlying'),
  })
  .strict()
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.underlyings.forEach((underlying, index) => {
      if (seen.has(underlying.symbol))
        context.addIssue({
          code: 'custom',
          path: ['underlyings', index, 'symbol'],
          message: `${underlying.symbol} is listed twice`,
        });
      seen.add(underlying.symbol);
      checkTick(underlying, ['underlyings', index], context);
      checkTick(underlying.options, ['underlyings', index, 'options'], context);
      const series = underlying.options;
      if (series.freezeQuantity > 0 && series.freezeQuantity < series.lotSize)
        context.addIssue({
          code: 'custom',
          path: ['underlyings', index, 'options', 'freezeQuantity'],
          message: `must be 0 (no limit) or at least one lot (${series.lotSize})`,
        });
    });
  });

function checkTick(
  format: { priceDecimals: number; tickSize: number },
  path: (string | number)[],
  context: z.RefinementCtx,
): void {
  const units = format.tickSize * 10 ** format.priceDecimals;
  if (Math.abs(units - Math.round(units)) > 1e-6 || Math.round(units) < 1)
    context.addIssue({
      code: 'custom',
      path: [...path, 'tickSize'],
      message: `${format.tickSize} is not a whole number of 10^-${format.priceDecimals} units`,
    });
}

export type InstrumentMasterFile = z.output<typeof instrumentMasterFileSchema>;
export type ExpiryRuleFile = z.output<typeof expiryRuleSchema>;

/** An expiry rule in computable form. */
export interface ExpiryRule {
  readonly cycle: 'daily' | 'weekly' | 'monthly';
  /** Weekday of the nominal expiry (weekly/monthly). */
  readonly weekday: Weekday | null;
  /** Monthly: 'last' or the n-th weekday of the month. */
  readonly occurrence: 'last' | number | null;
  readonly holidayShift: 'previousTradingDay';
  /** Inclusive day range in which the rule applies (nominal expiry dates). */
  readonly effectiveFrom: DayNumber | null;
  readonly effectiveTo: DayNumber | null;
  readonly source: string;
  readonly asOf: string;
}

/** The options listed on one underlying. */
export interface OptionSeries extends PriceFormat {
  readonly underlying: Symbol;
  readonly profile: MarketProfile;
  readonly exchange: string;
  readonly currency: string;
  readonly calendarId: string;
  readonly lotSize: number;
  readonly multiplier: number;
  readonly freezeQuantity: number;
  readonly strikeStep: number;
  readonly exerciseStyle: ExerciseStyle;
  readonly settlement: 'cash' | 'physical';
  readonly rightStyle: 'CE/PE' | 'C/P';
  readonly expiryRules: readonly ExpiryRule[];
}

export interface UnderlyingDefinition {
  readonly instrument: IndexInstrument | EquityInstrument;
  readonly name: string;
  readonly options: OptionSeries;
}

export interface InstrumentMaster {
  readonly profile: MarketProfile;
  readonly name: string;
  readonly currency: string;
  readonly calendarId: string;
  readonly asOf: string;
  readonly sources: readonly { about: string; source: string; date: string }[];
  readonly underlyings: readonly UnderlyingDefinition[];
}

export function tickUnitsOf(format: { priceDecimals: number; tickSize: number }): number {
  return Math.round(format.tickSize * 10 ** format.priceDecimals);
}

function toExpiryRule(rule: ExpiryRuleFile): ExpiryRule {
  return {
    cycle: rule.cycle,
    weekday: rule.weekday === undefined ? null : weekdayFromName(rule.weekday),
    occurrence: rule.occurrence ?? null,
    holidayShift: rule.holidayShift,
    effectiveFrom: rule.effectiveFrom === undefined ? null : parseIsoDate(rule.effectiveFrom),
    effectiveTo: rule.effectiveTo === undefined ? null : parseIsoDate(rule.effectiveTo),
    source: rule.source,
    asOf: rule.asOf,
  };
}

/**
 * Validates a parsed master file and returns typed instruments. Throws MarketDataError naming the
 * file (`label`) and each bad field by path.
 */
export function parseInstrumentMaster(json: unknown, label = 'instrument master'): InstrumentMaster {
  const parsed = instrumentMasterFileSchema.safeParse(json);
  if (!parsed.success) throw dataErrorFromZod(label, parsed.error);
  const file = parsed.data;
  const underlyings = file.underlyings.map((underlying): UnderlyingDefinition => {
    const symbol = underlying.symbol as Symbol;
    const base = {
      symbol,
      exchange: underlying.exchange,
      profile: file.profile,
      priceDecimals: underlying.priceDecimals,
      tickUnits: tickUnitsOf(underlying),
      lotSize: underlying.lotSize,
      multiplier: 1,
      freezeQuantity: underlying.freezeQuantity,
      currency: file.currency,
      calendarId: file.calendar,
    };
    const instrument: IndexInstrument | EquityInstrument =
      underlying.kind === 'index' ? { ...base, kind: 'index' } : { ...base, kind: 'equity' };
    const series = underlying.options;
    return {
      instrument,
      name: underlying.name,
      options: {
        underlying: symbol,
        profile: file.profile,
        exchange: series.exchange,
        currency: file.currency,
        calendarId: file.calendar,
        priceDecimals: series.priceDecimals,
        tickUnits: tickUnitsOf(series),
        lotSize: series.lotSize,
        multiplier: series.multiplier,
        freezeQuantity: series.freezeQuantity,
        strikeStep: series.strikeStep,
        exerciseStyle: series.exerciseStyle,
        settlement: series.settlement,
        rightStyle: series.rightStyle,
        expiryRules: series.expiryRules.map(toExpiryRule),
      },
    };
  });
  return {
    profile: file.profile,
    name: file.name,
    currency: file.currency,
    calendarId: file.calendar,
    asOf: file.asOf,
    sources: file.sources,
    underlyings,
  };
}

export function findUnderlying(master: InstrumentMaster, symbol: string): UnderlyingDefinition {
  const found = master.underlyings.find((underlying) => underlying.instrument.symbol === symbol);
  if (found === undefined) {
    const known = master.underlyings.map((underlying) => underlying.instrument.symbol).join(', ');
    throw new MarketDataError(
      `unknown underlying "${symbol}" in the ${master.profile} master (known: ${known})`,
    );
  }
  return found;
}
