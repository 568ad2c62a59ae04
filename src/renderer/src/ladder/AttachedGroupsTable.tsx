import { useMemo } from 'react';
import type { AttachedGroupView, AttachedLegView } from '../../../shared/api/views';
import { contractLabel, formatUnits } from '../format';
import { getApi, reportError, useWorkstation } from '../store';

const KIND_LABEL: Record<AttachedGroupView['kind'], string> = {
  bracket: 'Bracket',
  oco: 'OCO',
  trailingStop: 'Trailing',
  virtualStop: 'Virtual stop',
};
/** Finished groups kept on screen under the live ones, so the trader sees how the last exits ended. */
const FINISHED_SHOWN = 3;
export const EMULATED_TOOLTIP = 'held and triggered by Scalpdesk, not at the broker';
const AT_BROKER_TOOLTIP = 'resting at the broker as ordinary orders';

function isLive(group: AttachedGroupView): boolean {
  return group.state === 'pendingEntry' || group.state === 'active';
}

function LegCell({
  leg,
  decimals,
}: {
  readonly leg: AttachedLegView | undefined;
  readonly decimals: number;
}): React.JSX.Element {
  if (!leg) return <td className="number muted">—</td>;
  const done = leg.state === 'done' || leg.state === 'cancelled';
  return (
    <td
      className={`number${done ? ' muted' : ''}`}
      title={`${leg.role} ${leg.kind} ${leg.state}${leg.trailUnits !== null ? ', trailing' : ''}${
        leg.emulated ? ` — ${EMULATED_TOOLTIP}` : ''
      }`}
    >
      {formatUnits(leg.price, decimals)}
      {leg.state !== 'armed' && <span className="leg-state"> {leg.state}</span>}
    </td>
  );
}

/**
 * Take-profit / stop-loss groups: their legs with prices and state, and where they live — at the
 * broker, or emulated by Scalpdesk for a broker that cannot hold them (issue 5: the UI says so).
 */
export function AttachedGroupsTable(): React.JSX.Element {
  const groups = useWorkstation((state) => state.groups);
  const shown = useMemo(() => {
    const all = Object.values(groups);
    const finished = all.filter((group) => !isLive(group)).slice(-FINISHED_SHOWN);
    return [...all.filter(isLive).reverse(), ...finished.reverse()];
  }, [groups]);
  const cancel = (groupId: string): void => {
    getApi()
      .orders.cancelGroup({ groupId })
      .then(({ cancelled }) => {
        if (!cancelled) reportError(`group ${groupId} was already done`);
      }, reportError);
  };

  return (
    <section className="ladder-panel" aria-label="Attached orders">
      <h2>Attached orders (TP / SL)</h2>
      <table className="grid compact" data-testid="attached-groups">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Symbol</th>
            <th className="number">Qty</th>
            <th className="number">TP</th>
            <th className="number">SL</th>
            <th>State</th>
            <th>Held</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((group) => {
            const takeProfit = group.legs.find((leg) => leg.kind === 'limit');
            const stopLoss = group.legs.find((leg) => leg.kind === 'stop');
            const open = Math.max(0, ...group.legs.map((leg) => leg.openQuantity));
            return (
              <tr
                key={group.groupId}
                className={isLive(group) ? '' : 'finished'}
                data-testid="group-row"
                data-group-id={group.groupId}
                title={`${group.groupId} · exit ${group.side}`}
              >
                <td>{KIND_LABEL[group.kind]}</td>
                <td className="symbol" title={group.symbol}>
                  {contractLabel(group.symbol)}
                </td>
                <td className="number">{open}</td>
                <LegCell leg={takeProfit} decimals={group.priceDecimals} />
                <LegCell leg={stopLoss} decimals={group.priceDecimals} />
                <td data-testid="group-state">{group.state}</td>
                <td>
                  {group.emulated ? (
                    <span className="badge emulated" data-testid="group-emulated" title={EMULATED_TOOLTIP}>
                      emulated
                    </span>
                  ) : (
                    <span className="badge at-broker" data-testid="group-at-broker" title={AT_BROKER_TOOLTIP}>
                      at broker
                    </span>
                  )}
                </td>
                <td>
                  {isLive(group) && group.source === 'manual' && (
                    <button type="button" data-testid="cancel-group" onClick={() => cancel(group.groupId)}>
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
          {shown.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                no attached orders: Buy + bracket places an entry with its TP and SL
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
