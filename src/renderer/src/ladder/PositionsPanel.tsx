import type { PositionView } from '../../../shared/api/views';
import { contractLabel, formatMoney, formatUnits } from '../format';
import { useHostReady } from '../shell/armStore';
import { flattenSymbol } from '../shell/safetyActions';
import { useWorkstation } from '../store';
import { HandOverButton } from './HandOverButton';

/** "3m 12s" in trade, from market time. */
function formatDuration(us: number): string {
  const seconds = Math.max(0, Math.floor(us / 1_000_000));
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}

const MARK_LETTER = { bid: 'b', ask: 'a', last: 'l' } as const;

/** P&L of the open quantity in price points (mark − average, signed by side). */
function points(position: PositionView): number | null {
  if (position.markPrice === null || position.quantity === 0) return null;
  return (position.markPrice - position.averagePrice) * Math.sign(position.quantity);
}

function Signed({ text, value }: { readonly text: string; readonly value: number }): React.JSX.Element {
  return <span className={value > 0 ? 'profit' : value < 0 ? 'loss' : ''}>{text}</span>;
}

/**
 * Every position, every symbol, manual (M) and the engine's (A) — each marked at the price it could
 * be closed at now (bid for a long, ask for a short; last only without a quote: the letter says
 * which) — with time in trade, a Flatten per row, and the day's P&L after charges.
 */
export function PositionsPanel(): React.JSX.Element {
  const positions = useWorkstation((state) => state.positions);
  // Whole seconds of market time (time in trade shows seconds): the panel renders again once a
  // second for the clock, not on every book update of every ladder.
  const marketNowUs = useWorkstation(
    (state) =>
      Math.floor(Math.max(0, ...Object.values(state.ladders).map((view) => view.tsEvent)) / 1_000_000) *
      1_000_000,
  );
  const ready = useHostReady();
  const open = positions.filter((position) => position.quantity !== 0);
  const dayPnl = positions.reduce(
    (sum, position) => sum + position.realisedPnl + position.unrealisedPnl - position.charges,
    0,
  );
  return (
    <section className="positions-panel" aria-label="Positions" data-testid="positions-panel">
      <div className="panel-head">
        <h2>Positions</h2>
        <span className="num" data-testid="day-pnl" title="realised + open P&L − charges, all symbols">
          Day P&amp;L <Signed text={formatMoney(dayPnl)} value={dayPnl} />
        </span>
      </div>
      <table className="grid compact positions">
        <thead>
          <tr>
            <th>Symbol</th>
            <th title="M manual, A engine">Src</th>
            <th className="number">Qty</th>
            <th className="number">Avg</th>
            <th className="number" title="exit price: b bid, a ask, l last">
              Mark
            </th>
            <th className="number">Pts</th>
            <th className="number">P&amp;L</th>
            <th className="number">Time</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {open.map((position) => {
            const decimals = position.priceDecimals;
            const pts = points(position);
            const pnl = position.realisedPnl + position.unrealisedPnl;
            const manual = position.source === 'manual';
            return (
              <tr
                key={`${position.symbol}-${position.source}`}
                data-testid="position-row"
                data-symbol={position.symbol}
              >
                <td className="symbol" title={position.symbol}>
                  {contractLabel(position.symbol)}
                </td>
                <td title={manual ? 'manual' : 'engine'}>{manual ? 'M' : 'A'}</td>
                <td className="number">
                  <Signed
                    text={position.quantity > 0 ? `+${position.quantity}` : `−${-position.quantity}`}
                    value={position.quantity}
                  />
                </td>
                <td className="number">{formatUnits(Math.round(position.averagePrice), decimals)}</td>
                <td className="number">
                  {position.markPrice === null ? '—' : formatUnits(position.markPrice, decimals)}
                  {position.markSource ? <sub>{MARK_LETTER[position.markSource]}</sub> : null}
                </td>
                <td className="number">
                  {pts === null ? '—' : <Signed text={formatMoney(pts, decimals)} value={pts} />}
                </td>
                <td className="number">
                  <Signed text={formatMoney(pnl)} value={pnl} />
                </td>
                <td className="number">
                  {position.tsOpened !== null && marketNowUs > 0
                    ? formatDuration(marketNowUs - position.tsOpened)
                    : '—'}
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Flatten ${position.symbol}`}
                    disabled={!ready || !manual}
                    title={
                      manual
                        ? 'Cancel its orders and close at market'
                        : 'The engine manages it: use the Kill switch'
                    }
                    onClick={() => void flattenSymbol(position.symbol)}
                  >
                    Flatten
                  </button>
                  {manual && <HandOverButton symbol={position.symbol} position={position} />}
                </td>
              </tr>
            );
          })}
          {open.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">
                flat
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
