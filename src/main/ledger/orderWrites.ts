import type { Order } from '../../shared/domain/orders';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import type { PositionState } from '../trading/oms/positions';
import { positionKey } from '../trading/oms/positions';
import type { PositionBefore } from './fills';
import { writeOrderEvent } from './fills';
import type { LedgerCore } from './ledgerCore';
import { requireStatements, requireWritable } from './ledgerCore';
import { orderRow } from './ledgerRows';
import type { InstrumentContext } from './ledgerTypes';

/** One of the OMS's journal writes: a new order, or an event (a fill included) with the order after it. */
export type OrderWrite =
  | { readonly kind: 'order'; readonly order: Order }
  | {
      readonly kind: 'orderEvent';
      readonly order: Order;
      readonly event: OrderEvent;
      /** Multiplier and currency of the instrument, for a fill's money columns. */
      readonly context: InstrumentContext;
    };

/** Per write of a batch, in order: null once recorded, else why the ledger refused it. */
export type OrderWriteOutcome = string | null;

/** How many batches (one transaction each) and writes `recordOrderWrites` committed since the ledger opened. */
export interface OrderWriteStats {
  readonly transactions: number;
  readonly writes: number;
}

/**
 * Records a batch of order writes in ONE immediate transaction (synchronous=FULL), so a burst costs
 * one fsync rather than one per row: 500 rejected orders ahead of a valid one are 1,000 rows but a
 * single commit (issue 10). The return is the acknowledgement of every write in the batch at once.
 *
 * Each write runs in its own savepoint: a row the ledger refuses (a bug, a broken constraint) is
 * rolled back alone and named in the outcome, and the rest of the batch still commits — the same
 * result as writing them one at a time. Fills later in the batch see the positions the earlier ones
 * wrote; the in-memory book takes them only after the commit, so a failed commit changes nothing.
 */
export function recordOrderWrites(core: LedgerCore, writes: readonly OrderWrite[]): OrderWriteOutcome[] {
  requireWritable(core);
  const statements = requireStatements(core);
  if (writes.length === 0) return [];
  const staged = new Map<string, PositionState>();
  const positionBefore: PositionBefore = (symbol, source) =>
    staged.get(positionKey(symbol, source)) ?? core.book.state(symbol, source);
  // Called inside the batch's transaction, better-sqlite3 runs it as a SAVEPOINT. Made once per batch:
  // building a transaction function per write cost more than the write.
  const writeOne = core.db.transaction((write: OrderWrite): PositionState | null => {
    if (write.kind === 'order') {
      statements.upsertOrder.run(orderRow(write.order, core.currentSessionId));
      return null;
    }
    return writeOrderEvent(core, write.order, write.event, write.context, positionBefore);
  });
  const outcomes: OrderWriteOutcome[] = [];
  core.db
    .transaction(() => {
      for (const write of writes) {
        try {
          const state = writeOne(write);
          if (state) staged.set(positionKey(state.symbol, state.source), state);
          outcomes.push(null);
        } catch (error) {
          outcomes.push(error instanceof Error ? error.message : String(error));
        }
      }
    })
    .immediate();
  for (const state of staged.values()) core.book.put(state);
  core.orderWriteStats = {
    transactions: core.orderWriteStats.transactions + 1,
    writes: core.orderWriteStats.writes + writes.length,
  };
  return outcomes;
}
