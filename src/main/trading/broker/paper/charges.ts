import { z } from 'zod';
import type { InstrumentKind } from '../../../../shared/domain/instrument';
import type { Side } from '../../../../shared/domain/marketEvents';
import nseFile from '../../../../../resources/charges/nse.json';
import usFile from '../../../../../resources/charges/us.json';
import type { ExactDecimal, RoundingMode } from './exactDecimal';
import { multiplyRounded, parseDecimal } from './exactDecimal';

/**
 * Commissions and statutory charges per fill, from the rate files in resources/charges/ (each with
 * its `source` and `asOf`). Every line is computed exactly (BigInt over decimal-string rates) and
 * rounded once to the currency's minor unit, so the same fill always costs the same paise/cents.
 */
export interface ChargeLine {
  readonly name: string;
  /** Minor currency units (paise, cents). */
  readonly amount: number;
}

export interface ChargeBreakdown {
  readonly lines: readonly ChargeLine[];
  readonly total: number;
}

export interface ChargeInput {
  readonly kind: InstrumentKind;
  readonly side: Side;
  readonly quantity: number;
  /** Integer minor price units. */
  readonly price: number;
  readonly priceDecimals: number;
  readonly multiplier: number;
  /** Trading date YYYY-MM-DD in the market's time zone: picks the rate schedule. */
  readonly tradeDate: string;
  /** Per-order charges (NSE brokerage) are billed once, with the order's first fill. */
  readonly firstFillOfOrder: boolean;
}

export interface ChargeModel {
  readonly market: 'nse' | 'us';
  readonly currency: string;
  compute(input: ChargeInput): ChargeBreakdown;
}

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string such as "0.03503"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const wallTime = z.object({
  time: z.string().regex(/^\d{2}:\d{2}$/),
  timeZone: z.string().min(1),
  source: z.string().min(1),
});
const fileCommon = {
  currency: z.string().min(3),
  currencyDecimals: z.number().int().min(0).max(4),
  description: z.string(),
  asOf: isoDate,
  source: z.string().min(1),
  rounding: z.enum(['halfUp', 'up', 'down']),
  intradaySquareOff: wallTime,
  sessionClose: wallTime,
  margin: z.object({
    shortOptionPercentOfStrike: z.number().min(0),
    nonOptionPercent: z.number().min(0),
    source: z.string().min(1),
  }),
};

export const nseChargeFileSchema = z.object({
  market: z.literal('nse'),
  ...fileCommon,
  schedules: z
    .array(
      z.object({
        effectiveFrom: isoDate,
        source: z.string().min(1),
        brokeragePerOrder: decimalString,
        sttSellPercent: decimalString,
        exchangeTransactionPercent: decimalString,
        sebiFeePercent: decimalString,
        stampDutyBuyPercent: decimalString,
        gstPercent: decimalString,
      }),
    )
    .min(1),
});

export const usChargeFileSchema = z.object({
  market: z.literal('us'),
  ...fileCommon,
  schedules: z
    .array(
      z.object({
        effectiveFrom: isoDate,
        source: z.string().min(1),
        commissionPerContract: decimalString,
        orfPerContract: decimalString,
        occPerContract: decimalString,
        occCapPerTrade: decimalString,
        optionsTafPerContractSell: decimalString,
        equityTafPerShareSell: decimalString,
        equityTafCapPerTradeSell: decimalString,
        secFeePerMillionSell: decimalString,
        catPerEquivalentShare: decimalString,
      }),
    )
    .min(1),
});

export type NseChargeFile = z.infer<typeof nseChargeFileSchema>;
export type UsChargeFile = z.infer<typeof usChargeFileSchema>;
export type ChargeFile = NseChargeFile | UsChargeFile;

export function loadNseChargeFile(data: unknown = nseFile): NseChargeFile {
  return nseChargeFileSchema.parse(data);
}

export function loadUsChargeFile(data: unknown = usFile): UsChargeFile {
  return usChargeFileSchema.parse(data);
}

/** The schedule in force on a date: the latest whose effectiveFrom is not after it. */
export function scheduleFor<T extends { effectiveFrom: string }>(schedules: readonly T[], date: string): T {
  const sorted = [...schedules].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  let chosen: T | undefined;
  for (const schedule of sorted) if (schedule.effectiveFrom <= date) chosen = schedule;
  if (!chosen)
    throw new RangeError(`no charge schedule in force on ${date} (earliest ${sorted[0].effectiveFrom})`);
  return chosen;
}

/**
 * Traded value in minor currency units as an exact fraction: price units × quantity × multiplier,
 * rescaled from price decimals to currency decimals. Returned as numerator over a power of ten.
 */
function turnover(
  input: ChargeInput,
  currencyDecimals: number,
): { numerator: bigint; divisor: bigint; up: bigint } {
  const raw = BigInt(input.price) * BigInt(input.quantity) * BigInt(input.multiplier);
  const shift = input.priceDecimals - currencyDecimals;
  return shift >= 0
    ? { numerator: raw, divisor: 10n ** BigInt(shift), up: 1n }
    : { numerator: raw, divisor: 1n, up: 10n ** BigInt(-shift) };
}

/** Money amount (a decimal string in major units, e.g. "20") to minor units. */
function majorToMinor(value: ExactDecimal, currencyDecimals: number, rounding: RoundingMode): number {
  return multiplyRounded(10n ** BigInt(currencyDecimals), [value], 1n, rounding);
}

export function nseChargeModel(file: NseChargeFile = loadNseChargeFile()): ChargeModel {
  const mode = file.rounding;
  const decimals = file.currencyDecimals;
  return {
    market: 'nse',
    currency: file.currency,
    compute(input: ChargeInput): ChargeBreakdown {
      const schedule = scheduleFor(file.schedules, input.tradeDate);
      const value = turnover(input, decimals);
      // percent of turnover: turnover × rate / 100, with the price→currency rescale folded in.
      const percentOf = (rate: string): number =>
        multiplyRounded(value.numerator * value.up, [parseDecimal(rate)], 100n * value.divisor, mode);
      const brokerage = input.firstFillOfOrder
        ? majorToMinor(parseDecimal(schedule.brokeragePerOrder), decimals, mode)
        : 0;
      const options = input.kind === 'option';
      // STT, exchange, SEBI and stamp rates of this file are the options (premium) rates; other
      // instrument kinds pay brokerage and its GST only in this model.
      const stt = options && input.side === 'sell' ? percentOf(schedule.sttSellPercent) : 0;
      const exchange = options ? percentOf(schedule.exchangeTransactionPercent) : 0;
      const sebi = options ? percentOf(schedule.sebiFeePercent) : 0;
      const stamp = options && input.side === 'buy' ? percentOf(schedule.stampDutyBuyPercent) : 0;
      // GST is levied on the broker's and exchange's services, not on taxes: brokerage + exchange + SEBI.
      const gst = multiplyRounded(
        BigInt(brokerage + exchange + sebi),
        [parseDecimal(schedule.gstPercent)],
        100n,
        mode,
      );
      const lines: ChargeLine[] = [
        { name: 'brokerage', amount: brokerage },
        { name: 'stt', amount: stt },
        { name: 'exchangeTransaction', amount: exchange },
        { name: 'sebiFee', amount: sebi },
        { name: 'stampDuty', amount: stamp },
        { name: 'gst', amount: gst },
      ];
      return { lines, total: lines.reduce((sum, line) => sum + line.amount, 0) };
    },
  };
}

export function usChargeModel(file: UsChargeFile = loadUsChargeFile()): ChargeModel {
  const mode = file.rounding;
  const decimals = file.currencyDecimals;
  return {
    market: 'us',
    currency: file.currency,
    compute(input: ChargeInput): ChargeBreakdown {
      const schedule = scheduleFor(file.schedules, input.tradeDate);
      const quantity = BigInt(input.quantity);
      const minorPerMajor = 10n ** BigInt(decimals);
      // Per-unit fees in dollars × count, in cents.
      const perUnit = (rate: string, count: bigint): number =>
        multiplyRounded(count * minorPerMajor, [parseDecimal(rate)], 1n, mode);
      const sell = input.side === 'sell';
      const lines: ChargeLine[] = [];
      if (input.kind === 'option') {
        const occ = Math.min(
          perUnit(schedule.occPerContract, quantity),
          majorToMinor(parseDecimal(schedule.occCapPerTrade), decimals, mode),
        );
        lines.push(
          { name: 'commission', amount: perUnit(schedule.commissionPerContract, quantity) },
          { name: 'orf', amount: perUnit(schedule.orfPerContract, quantity) },
          { name: 'occ', amount: occ },
          { name: 'finraTaf', amount: sell ? perUnit(schedule.optionsTafPerContractSell, quantity) : 0 },
        );
      } else {
        const taf = sell ? perUnit(schedule.equityTafPerShareSell, quantity) : 0;
        lines.push({
          name: 'finraTaf',
          amount: Math.min(
            taf,
            majorToMinor(parseDecimal(schedule.equityTafCapPerTradeSell), decimals, mode),
          ),
        });
      }
      // SEC Section 31 fee: dollars per million dollars of principal sold.
      const value = turnover(input, decimals);
      const sec = sell
        ? multiplyRounded(
            value.numerator * value.up,
            [parseDecimal(schedule.secFeePerMillionSell)],
            1_000_000n * value.divisor,
            mode,
          )
        : 0;
      lines.push({ name: 'secFee', amount: sec });
      // CAT: per executed equivalent share; one option contract is `multiplier` shares.
      lines.push({
        name: 'cat',
        amount: perUnit(schedule.catPerEquivalentShare, quantity * BigInt(input.multiplier)),
      });
      return { lines, total: lines.reduce((sum, line) => sum + line.amount, 0) };
    },
  };
}
