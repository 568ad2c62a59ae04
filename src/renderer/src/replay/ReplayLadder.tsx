import { useMemo } from 'react';
import type { ReplayStateView } from '../../../shared/api/views';
import { formatUnits } from '../format';
import { replayControl } from './replayStore';

/**
 * The replayed book of one symbol: best-5 offers above best-5 bids and the last price, as of the tape
 * time — the live ladder is a different window and is never touched by the replay.
 */
export function ReplayLadder({ state }: { readonly state: ReplayStateView }): React.JSX.Element {
  const ladder = state.ladder;
  const decimals = ladder?.priceDecimals ?? 2;
  const rows = useMemo(() => {
    if (!ladder) return [];
    const asks = [...ladder.asks].reverse().map((level) => ({ side: 'ask' as const, ...level }));
    const bids = ladder.bids.map((level) => ({ side: 'bid' as const, ...level }));
    return [...asks, ...bids];
  }, [ladder]);

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
      <table className="ladder" data-testid="replay-ladder">
        <thead>
          <tr>
            <th>Bid size</th>
            <th>Price</th>
            <th>Ask size</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.side}-${index}`} className={row.side} data-testid={`replay-${row.side}-row`}>
              <td className="size">{row.side === 'bid' ? row.size : ''}</td>
              <td className="price" data-testid={`replay-${row.side}-price`}>
                {formatUnits(row.price, decimals)}
              </td>
              <td className="size">{row.side === 'ask' ? row.size : ''}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                {state.status === 'ready' ? 'press Play or Step' : 'no book for this symbol yet'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
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
