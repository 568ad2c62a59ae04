import { useEngineAction } from '../engineAction';
import { getApi } from '../store';

/**
 * Takes a position back from the engine (issue 13): the engine stops managing it and it is the
 * trader's manual position again, to flatten or hand over once more. Like the hand-over it is not
 * gated by ARM (it sends no order); it is disabled while an engine exit of it is in flight, which the
 * core would refuse.
 */
export function HandBackButton({
  symbol,
  exiting,
}: {
  readonly symbol: string;
  readonly exiting: boolean;
}): React.JSX.Element {
  const { busy, run } = useEngineAction();
  return (
    <button
      type="button"
      className="hand-back"
      data-testid="hand-back"
      aria-label={`Take back ${symbol} from the engine`}
      disabled={busy || exiting}
      title={
        exiting
          ? 'an engine exit is in flight: wait for its answer'
          : 'Take this position back: the engine stops managing it and it is yours (manual) again'
      }
      onClick={() => void run(() => getApi().engine.handBack({ symbol }))}
    >
      Hand back
    </button>
  );
}
