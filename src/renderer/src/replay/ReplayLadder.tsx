import type { ReplayStateView } from '../../../shared/api/views';
import { DepthTable } from '../components/DepthTable';
import { formatUnits } from '../format';
import { replayControl } from './replayStore';

/**
 * The replayed book of one symbol: best-5 offers above best-5 bids and the last price, as of the tape
 * time — the live ladder is a different window and is never touched by the replay.
 */
export function ReplayLadder({ state }: { readonly state: ReplayStateView }): React.JSX.Element {
  const ladder = state.ladder;
  const decimals = ladder?.priceDecimals ?? 2;

  return (
    <section className="replay-ladder" aria-label="Replayed ladder">
      <div className="toolbar">
        <select
          aria-label="Replayed symbol"
          data-testid="replay-symbol-select"
          value={state.symbol ?? ''}
          onChange={(event) => void replayControl((api) => api.replay.watch({ symbol: event.target.value }))}
        >
          {state.symbol === null && <option value="">— symbol —</option>}
          {(state.tape?.symbols ?? []).map((symbol) => (
            <option key={symbol} value={symbol}>
              {symbol}
            </option>
          ))}
        </select>
      </div>
      <DepthTable
        bids={ladder?.bids ?? []}
        asks={ladder?.asks ?? []}
        decimals={decimals}
        emptyText={state.status === 'ready' ? 'press Play or Step' : 'no book for this symbol yet'}
        testId="replay-ladder"
        testIdPrefix="replay-"
      />
      <div className="last">
        Last{' '}
        <span data-testid="replay-last-price">
          {ladder?.lastPrice != null ? formatUnits(ladder.lastPrice, decimals) : '—'}
        </span>
      </div>
      <div className="replay-account muted" data-testid="replay-account">
        Replay account: {state.account.decisions} decisions · {state.account.orders} orders ·{' '}
        {state.account.fills} fills
        {state.account.positions.length > 0 &&
          ` · open ${state.account.positions.map((position) => `${position.symbol} ${position.quantity}`).join(', ')}`}
      </div>
    </section>
  );
}
