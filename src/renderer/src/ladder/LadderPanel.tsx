import type { InstrumentView } from '../../../shared/api/views';
import { formatUnits } from '../format';
import { useCanOpen } from '../shell/armStore';
import { formatAge, useNow } from '../shell/useNow';
import { useWorkstation } from '../store';
import { LadderGrid } from './LadderGrid';
import { bidImbalance } from './ladderMarks';
import { placeEntry } from './ladderTrading';
import { requestRecentre } from './recentre';

/**
 * One contract's ladder: its name, spread, last-tick age and the top-5 imbalance above the grid;
 * Join bid, Buy and Sell at market, Join ask below. `label` is CE / PE (or the symbol) and names
 * the region, so "Buy" is unambiguous inside it.
 */
export function LadderPanel({
  instrument,
  label,
}: {
  readonly instrument: InstrumentView;
  readonly label: string;
}): React.JSX.Element {
  const symbol = instrument.symbol;
  const view = useWorkstation((state) => state.ladders[symbol]);
  const receivedMs = useWorkstation((state) => state.ladderReceivedMs[symbol]);
  const canOpen = useCanOpen();
  const now = useNow(250);
  const decimals = instrument.priceDecimals;
  const bestBid = view?.bids[0]?.price ?? null;
  const bestAsk = view?.asks[0]?.price ?? null;
  const spreadTicks =
    bestBid !== null && bestAsk !== null ? (bestAsk - bestBid) / instrument.tickUnits : null;
  const imbalance = bidImbalance(view);
  const share = (imbalance ?? 0.5) * 100;
  const hasBook = bestBid !== null && bestAsk !== null;
  return (
    <section className="ladder-panel-live" aria-label={`${label} ladder`} data-testid={`ladder-${label}`}>
      <div className="ladder-head">
        <strong className="contract" title={symbol} data-testid="ladder-symbol">
          {label}{' '}
          <span className="muted">
            {instrument.strike ?? ''} {instrument.expiry ?? symbol}
          </span>
        </strong>
        <span className="num" title="spread in ticks">
          spr {spreadTicks === null ? '—' : spreadTicks}
        </span>
        <span className="num" title="time since the last update of this book" data-testid="ladder-tick-age">
          {receivedMs ? formatAge(now - receivedMs) : '—'}
        </span>
        <button type="button" onClick={requestRecentre} title="Re-centre on the market (R)">
          Centre
        </button>
      </div>
      <div
        className="imbalance"
        role="meter"
        aria-label="Top-5 imbalance, share on the bid"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={imbalance === null ? undefined : Math.round(imbalance * 100)}
        // The bar is a background: a new share repaints the meter, it never re-lays the window.
        style={{
          backgroundImage: `linear-gradient(90deg, var(--bid-bg) 0 ${share}%, var(--text) ${share}% calc(${share}% + 2px), transparent calc(${share}% + 2px))`,
        }}
      >
        <span className="imbalance-text num">
          {imbalance === null
            ? 'imbalance —'
            : `bid ${Math.round(imbalance * 100)}% · ask ${Math.round((1 - imbalance) * 100)}%`}
        </span>
      </div>
      <LadderGrid instrument={instrument} />
      <div className="ladder-actions" role="group" aria-label={`${label} orders`}>
        <button
          type="button"
          className="join"
          disabled={!canOpen || bestBid === null}
          onClick={() =>
            bestBid !== null && void placeEntry(instrument, 'buy', { type: 'limit', price: bestBid })
          }
          title={bestBid === null ? '' : `Buy limit at the bid ${formatUnits(bestBid, decimals)}`}
        >
          Join bid
        </button>
        <button
          type="button"
          className="buy"
          aria-label="Buy"
          disabled={!canOpen || !hasBook}
          onClick={() => void placeEntry(instrument, 'buy', { type: 'market' })}
        >
          Buy {bestAsk === null ? '' : formatUnits(bestAsk, decimals)}
        </button>
        <button
          type="button"
          className="sell"
          aria-label="Sell"
          disabled={!canOpen || !hasBook}
          onClick={() => void placeEntry(instrument, 'sell', { type: 'market' })}
        >
          Sell {bestBid === null ? '' : formatUnits(bestBid, decimals)}
        </button>
        <button
          type="button"
          className="join"
          disabled={!canOpen || bestAsk === null}
          onClick={() =>
            bestAsk !== null && void placeEntry(instrument, 'sell', { type: 'limit', price: bestAsk })
          }
          title={bestAsk === null ? '' : `Sell limit at the ask ${formatUnits(bestAsk, decimals)}`}
        >
          Join ask
        </button>
      </div>
    </section>
  );
}
