import type { MarketProfile } from '../../../shared/domain/instrument';
import type { ChargeModel } from '../../trading/broker/paper/charges';
import { loadNseChargeFile, loadUsChargeFile } from '../../trading/broker/paper/charges';
import type { MarketTerms } from '../../trading/broker/paper/paperConfig';
import { defaultMarketTerms } from '../../trading/broker/paper/paperConfig';

/**
 * A charge model that bills a trade older than every schedule it knows at its earliest schedule. The
 * charge files start where their sources do (2024 for the US fees), while a replay may read an older
 * public tape (the LOBSTER AMZN sample is from 2012): refusing every fill would leave the tape
 * untradeable, and the earliest known fees are the nearest honest estimate. Dates inside the
 * schedules are charged exactly as before.
 */
export function chargesFromEarliest(model: ChargeModel, earliest: string): ChargeModel {
  return {
    market: model.market,
    currency: model.currency,
    compute: (input) => model.compute(input.tradeDate < earliest ? { ...input, tradeDate: earliest } : input),
  };
}

function earliestSchedule(schedules: readonly { readonly effectiveFrom: string }[]): string {
  let earliest = schedules[0].effectiveFrom;
  for (const schedule of schedules) if (schedule.effectiveFrom < earliest) earliest = schedule.effectiveFrom;
  return earliest;
}

/** The paper broker's default market terms for replays: charges as above. */
export function replayMarketTerms(): Record<MarketProfile, MarketTerms> {
  const terms = defaultMarketTerms();
  const earliest: Record<MarketProfile, string> = {
    nse: earliestSchedule(loadNseChargeFile().schedules),
    us: earliestSchedule(loadUsChargeFile().schedules),
  };
  return {
    nse: { ...terms.nse, charges: chargesFromEarliest(terms.nse.charges, earliest.nse) },
    us: { ...terms.us, charges: chargesFromEarliest(terms.us.charges, earliest.us) },
  };
}
