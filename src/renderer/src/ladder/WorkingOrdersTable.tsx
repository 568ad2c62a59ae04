import { useMemo } from 'react';
import type { InstrumentView, OrderView } from '../../../shared/api/views';
import { contractLabel, formatUnits } from '../format';
import { getApi, reportError, useWorkstation } from '../store';

const WORKING = new Set<OrderView['status']>(['new', 'submitted', 'accepted', 'partiallyFilled']);

/** Price column: the limit, the stop trigger (the Type column says which), or trigger → limit. */
function orderPrice(order: OrderView, decimals: number): string {
  const price = (units: number | undefined): string =>
    units === undefined ? '—' : formatUnits(units, decimals);
  switch (order.type) {
    case 'market':
      return 'MKT';
    case 'limit':
      return price(order.limitPrice);
    case 'stop':
      return price(order.stopPrice);
    case 'stopLimit':
      return `${price(order.stopPrice)} → ${price(order.limitPrice)}`;
  }
}

/** The trader's working orders (every symbol): resting limits, bracket legs at the broker, entries in flight. */
export function WorkingOrdersTable({
  instruments,
}: {
  readonly instruments: readonly InstrumentView[];
}): React.JSX.Element {
  const orders = useWorkstation((state) => state.orders);
  const working = useMemo(
    () =>
      Object.values(orders)
        .filter((order) => order.source === 'manual' && WORKING.has(order.status))
        .sort((a, b) => b.tsCreated - a.tsCreated),
    [orders],
  );
  const decimalsOf = (symbol: string): number =>
    instruments.find((instrument) => instrument.symbol === symbol)?.priceDecimals ?? 2;
  const cancel = (orderId: string): void => {
    getApi()
      .orders.cancel({ orderId })
      .then(({ cancelled }) => {
        if (!cancelled) reportError(`order ${orderId} was already done`);
      }, reportError);
  };

  return (
    <section className="ladder-panel" aria-label="Working orders">
      <h2>Working orders</h2>
      <table className="grid compact" data-testid="working-orders">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Side</th>
            <th>Type</th>
            <th className="number">Qty</th>
            <th className="number">Price</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {working.map((order) => (
            <tr key={order.orderId} data-testid="working-order-row" title={order.orderId}>
              <td className="symbol" title={order.symbol}>
                {contractLabel(order.symbol)}
              </td>
              <td className={order.side}>{order.side}</td>
              <td>{order.type}</td>
              <td className="number">
                {order.filledQuantity > 0 ? `${order.filledQuantity}/` : ''}
                {order.quantity}
              </td>
              <td className="number">{orderPrice(order, decimalsOf(order.symbol))}</td>
              <td data-testid="working-order-status">{order.status}</td>
              <td>
                <button type="button" data-testid="cancel-order" onClick={() => cancel(order.orderId)}>
                  Cancel
                </button>
              </td>
            </tr>
          ))}
          {working.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                no working orders
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
