import type { MarketProfile } from '../../../../shared/domain/instrument';
import type { BrokerCapabilities } from '../broker';
import { FULL_CAPABILITIES } from '../broker';
import type { MarginRule } from '../../oms/margin';
import type { ChargeFile, ChargeModel } from './charges';
import { loadNseChargeFile, loadUsChargeFile, nseChargeModel, usChargeModel } from './charges';
import type { SlippageModel } from './fillModel';
import type { WallTime } from './marketHours';

/**
 * Latency between the workstation and the exchange, in microseconds. An order is acknowledged
 * `orderToAckUs` after it is sent and can first trade `ackToFillUs` after the acknowledgement; a
 * cancel or modify takes effect `cancelUs` after it is sent. Each delay gets a seeded uniform
 * jitter in [0, jitterUs].
 */
export interface LatencyModel {
  readonly orderToAckUs: number;
  readonly ackToFillUs: number;
  readonly cancelUs: number;
  readonly jitterUs: number;
}

/** Broker-side rejections drawn from the seeded generator: `rate` per order, reason picked uniformly. */
export interface RejectionModel {
  readonly rate: number;
  readonly reasons: readonly string[];
}

/** What the broker applies per market profile: charges, square-off and close times, margin. */
export interface MarketTerms {
  readonly charges: ChargeModel;
  /** Exchange time zone: trade dates (for charge schedules) and the times below are local to it. */
  readonly timeZone: string;
  /** Intraday positions are closed and opening orders refused from this time; null disables. */
  readonly squareOff: WallTime | null;
  /** DAY orders still working expire at this time; null disables. */
  readonly sessionClose: WallTime | null;
  readonly margin: MarginRule;
}

export interface PaperBrokerConfig {
  readonly seed: number;
  /** Starting cash per currency in minor units (paise, cents). */
  readonly capital: Readonly<Record<string, number>>;
  readonly latency: LatencyModel;
  readonly slippage: SlippageModel;
  readonly rejection: RejectionModel;
  readonly markets: Readonly<Record<MarketProfile, MarketTerms>>;
  readonly capabilities: BrokerCapabilities;
}

export function marketTermsFromFile(file: ChargeFile): MarketTerms {
  return {
    charges: file.market === 'nse' ? nseChargeModel(file) : usChargeModel(file),
    timeZone: file.sessionClose.timeZone,
    squareOff: { time: file.intradaySquareOff.time, timeZone: file.intradaySquareOff.timeZone },
    sessionClose: { time: file.sessionClose.time, timeZone: file.sessionClose.timeZone },
    margin: {
      shortOptionPercentOfStrike: file.margin.shortOptionPercentOfStrike,
      nonOptionPercent: file.margin.nonOptionPercent,
    },
  };
}

export function defaultMarketTerms(): Record<MarketProfile, MarketTerms> {
  return { nse: marketTermsFromFile(loadNseChargeFile()), us: marketTermsFromFile(loadUsChargeFile()) };
}

export const DEFAULT_REJECTION_REASONS: readonly string[] = [
  'RMS: order price is outside the permitted range',
  'RMS: insufficient margin at the broker',
  'exchange: instrument is temporarily suspended',
];

export function defaultPaperBrokerConfig(): PaperBrokerConfig {
  return {
    seed: 1,
    // ₹10,00,000 and $25,000: typical retail intraday options accounts.
    capital: { INR: 100_000_000, USD: 2_500_000 },
    latency: { orderToAckUs: 20_000, ackToFillUs: 5_000, cancelUs: 20_000, jitterUs: 0 },
    slippage: { kind: 'none' },
    rejection: { rate: 0, reasons: DEFAULT_REJECTION_REASONS },
    markets: defaultMarketTerms(),
    capabilities: FULL_CAPABILITIES,
  };
}
