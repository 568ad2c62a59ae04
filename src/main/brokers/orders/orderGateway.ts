import type { OrderId } from '../../../shared/domain/ids';
import type { Order } from '../../../shared/domain/orders';
import type { BrokerCapabilities, OrderModification } from '../../trading/broker/broker';

export type { BrokerCapabilities, OrderModification } from '../../trading/broker/broker';
export { ALPACA_OPTIONS_CAPABILITIES, FULL_CAPABILITIES } from '../../trading/broker/broker';

/**
 * The order-entry half of the kernel's `Broker` seam that the real adapters implement today: place
 * (`submit`), cancel, modify, with capabilities. Wiring a real broker into the desk as a full `Broker`
 * (market-time hooks, funds, reconciliation views) is the next step (docs/brokers.md).
 */
export interface BrokerGateway {
  readonly capabilities: BrokerCapabilities;
  submit(order: Order): void;
  cancel(orderId: OrderId): void;
  modify(orderId: OrderId, changes: OrderModification): void;
}
