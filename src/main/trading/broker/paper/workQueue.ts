import type { OrderId } from '../../../../shared/domain/ids';
import type { OrderModification } from '../broker';

/** A command the paper broker carries out after its latency: acknowledge, let trade, cancel, modify. */
export type PaperWork =
  | { readonly kind: 'ack' | 'activate' | 'cancel'; readonly orderId: OrderId }
  | { readonly kind: 'modify'; readonly orderId: OrderId; readonly changes: OrderModification };

interface Scheduled {
  readonly dueUs: number;
  readonly seq: number;
  readonly work: PaperWork;
}

/**
 * Latency-delayed work in (due time, sequence) order, so two runs with one seed do the same thing
 * in the same order even when several items fall due at the same microsecond.
 */
export class WorkQueue {
  private readonly items: Scheduled[] = [];
  private sequence = 0;

  /** Due time of the first item, or null when nothing waits. */
  nextDueUs(): number | null {
    return this.items[0]?.dueUs ?? null;
  }

  /** Removes and returns the first item. */
  shift(): PaperWork | undefined {
    return this.items.shift()?.work;
  }

  /** Inserts keeping (dueUs, seq) order: binary search for the first later item. */
  push(dueUs: number, work: PaperWork): void {
    const item: Scheduled = { dueUs, seq: this.sequence++, work };
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = this.items[mid];
      if (other.dueUs < item.dueUs || (other.dueUs === item.dueUs && other.seq < item.seq)) low = mid + 1;
      else high = mid;
    }
    this.items.splice(low, 0, item);
  }
}
