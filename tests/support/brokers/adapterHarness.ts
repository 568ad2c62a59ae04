import { asOrderId, asSymbol } from '../../../src/shared/domain/ids';
import type { OrderEvent } from '../../../src/shared/domain/orderEvents';
import type { Order } from '../../../src/shared/domain/orders';
import type { TimestampUs } from '../../../src/shared/domain/time';
import type { BrokerAdapter, BrokerAdapterOptions } from '../../../src/main/brokers/orders/brokerAdapter';
import type { ReconciliationSnapshot } from '../../../src/main/brokers/orders/realBroker';
import type { QueueState } from '../../../src/main/brokers/rest/requestQueue';
import { until } from './until';

let sequence = 0;

/** A submitted order as the OMS hands it to a broker (`makeBrokerOrder`), unique id per call. */
export function makeBrokerOrder(symbol: string, overrides: Partial<Order>): Order {
  sequence++;
  return {
    orderId: asOrderId(`order-${sequence}`),
    symbol: asSymbol(symbol),
    side: 'buy',
    type: 'limit',
    quantity: 1,
    timeInForce: 'DAY',
    source: 'manual',
    status: 'submitted',
    filledQuantity: 0,
    filledNotional: 0,
    tsCreated: 0 as TimestampUs,
    tsUpdated: 0 as TimestampUs,
    ...overrides,
  };
}

/** What an adapter reports, collected, plus the test timings every adapter test uses. */
export function recordAdapter() {
  const events: OrderEvent[] = [];
  const queue: QueueState[] = [];
  const snapshots: ReconciliationSnapshot[] = [];
  return {
    events,
    queue,
    snapshots,
    options: {
      onEvent: (event: OrderEvent) => events.push(event),
      backoff: { initialDelayMs: 30, maxDelayMs: 200 },
      unknownOutcomeChecksMs: [20, 50, 100],
      onQueue: (state: QueueState) => queue.push(state),
      onReconciled: (snapshot: ReconciliationSnapshot) => snapshots.push(snapshot),
    },
  };
}

/**
 * Starts an adapter with the recording hooks, hands it to `keep` (for the test's afterEach to close)
 * and waits until it has reconciled with the fake broker.
 */
export async function startRecordedAdapter(
  start: (options: BrokerAdapterOptions) => BrokerAdapter,
  keep: (adapter: BrokerAdapter) => void,
) {
  const recorded = recordAdapter();
  const adapter = start(recorded.options);
  keep(adapter);
  await until(() => adapter.broker.state === 'ready', 'reconciliation');
  return {
    events: recorded.events,
    queue: recorded.queue,
    snapshots: recorded.snapshots,
    broker: adapter.broker,
  };
}
