import type { AttachedGroupView } from '../../../shared/api/views';
import type { PriceFormat } from '../../../shared/domain/price';
import type { AttachedGroupView as OmsGroupView } from './attachedOrders';

/**
 * The OMS's copy of an attached-order group as windows see it (src/shared must not import from
 * src/main, so the shared view is declared on its own and filled here), with the price format.
 */
export function toAttachedGroupView(
  group: OmsGroupView,
  format: PriceFormat,
  revision: number,
): AttachedGroupView {
  const legs = group.legs.map((leg) => ({
    legId: leg.legId,
    role: leg.role,
    kind: leg.kind,
    emulated: leg.emulated,
    price: leg.price,
    limitPrice: leg.limitPrice,
    trailUnits: leg.trailUnits,
    quantity: leg.quantity,
    filledQuantity: leg.filledQuantity,
    openQuantity: leg.openQuantity,
    state: leg.state,
    orderIds: [...leg.orderIds],
  }));
  return {
    groupId: group.groupId,
    kind: group.kind,
    symbol: group.symbol,
    side: group.side,
    source: group.source,
    state: group.state,
    entryOrderIds: [...group.entryOrderIds],
    entryFilled: group.entryFilled,
    legs,
    emulated: legs.some((leg) => leg.emulated),
    priceDecimals: format.priceDecimals,
    tickUnits: format.tickUnits,
    revision,
  };
}
