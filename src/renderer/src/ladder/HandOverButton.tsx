import type { PositionView } from '../../../shared/api/views';
import { useEngineAction } from '../engineAction';
import { getApi, useWorkstation } from '../store';

/**
 * Gives the trader's manual position to the engine's exits (issue 4: the engine never touches a
 * manual position otherwise). Enabled only when the core would accept it; the tooltip says why not.
 */
export function HandOverButton({
  symbol,
  position,
}: {
  readonly symbol: string;
  readonly position: PositionView | undefined;
}): React.JSX.Element {
  const engine = useWorkstation((state) => state.engine);
  const groups = useWorkstation((state) => state.groups);
  const { busy, run } = useEngineAction();
  const handedOver = engine?.positions.some(
    (held) => held.symbol === symbol && held.ownership === 'handedOver',
  );
  if (handedOver)
    return (
      <span
        className="badge with-engine"
        data-testid="position-with-engine"
        title="The engine manages its exits"
      >
        with engine
      </span>
    );

  const workingExits = Object.values(groups).some(
    (group) =>
      group.symbol === symbol &&
      group.source === 'manual' &&
      (group.state === 'active' || group.state === 'pendingEntry'),
  );
  const refusal = !engine
    ? 'engine status not known yet'
    : engine.mode === 'off' || engine.mode === 'shadow'
      ? `the engine is ${engine.mode}: set it to paper to hand positions over`
      : engine.killed
        ? 'the kill switch is on: rearm the engine first'
        : !position || position.quantity === 0
          ? 'no manual position to hand over'
          : workingExits
            ? 'cancel this position’s attached orders first: one owner for the exits'
            : null;

  return (
    <button
      type="button"
      className="hand-over"
      data-testid="hand-over"
      disabled={busy || refusal !== null}
      title={refusal ?? 'Hand this position to the engine: its exits (stops, trailing, targets) take over'}
      onClick={() => void run(() => getApi().engine.handOver({ symbol }))}
    >
      Hand to engine
    </button>
  );
}
