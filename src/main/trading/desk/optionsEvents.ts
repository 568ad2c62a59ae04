import type { Instrument } from '../../../shared/domain/instrument';
import { isOption } from '../../../shared/domain/instrument';
import type { TimestampUs } from '../../../shared/domain/time';
import { buildOptionsContext } from '../../../shared/options/buildContext';
import type { ChainSnapshot } from '../../../shared/options/chain/snapshot';
import type { ContractStatsEvent, OptionsContextEvent } from '../engine/types';

/**
 * Turns one chain snapshot into what the engine reads: the options context of the underlying and
 * per-contract statistics (OI in units, OI change, IV) for the listed contracts of that expiry. The
 * live core, the simulated-exchange tests and recordings all use this one conversion.
 */
export function optionsEventsFromChain(
  snapshot: ChainSnapshot,
  instruments: Iterable<Instrument>,
  nowUs: TimestampUs,
): { context: OptionsContextEvent; stats: ContractStatsEvent[] } {
  const context: OptionsContextEvent = {
    type: 'optionsContext',
    tsEvent: nowUs,
    context: buildOptionsContext(snapshot, { nowUs }),
  };
  const rows = new Map(snapshot.rows.map((row) => [row.strike, row]));
  const stats: ContractStatsEvent[] = [];
  for (const instrument of instruments) {
    if (
      !isOption(instrument) ||
      instrument.underlying !== snapshot.underlying ||
      instrument.expiry !== snapshot.expiry
    )
      continue;
    const row = rows.get(instrument.strike);
    const quote = instrument.right === 'CE' ? row?.ce : row?.pe;
    if (!quote) continue;
    stats.push({
      type: 'contractStats',
      tsEvent: nowUs,
      symbol: instrument.symbol,
      openInterest: quote.oi * snapshot.contractMultiplier,
      oiChange: quote.oiChange,
      ...(quote.iv === null || quote.iv === undefined ? {} : { iv: quote.iv }),
    });
  }
  return { context, stats };
}
