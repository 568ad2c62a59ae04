import type { AnalyticsTradeView } from '../../../shared/api/analyticsViews';
import { formatTapeTime } from '../replay/tapeTime';
import { money, tone } from './analyticsFormat';
import type { AnalyticsFilter } from './csvDownload';
import { ExportButton } from './csvDownload';

/** Closed trades, newest first, as the filters select them. */
export function TradeList({
  trades,
  total,
  zone,
  filter,
}: {
  readonly trades: readonly AnalyticsTradeView[];
  readonly total: number;
  readonly zone: string;
  readonly filter: AnalyticsFilter;
}): React.JSX.Element {
  return (
    <section className="trade-list" aria-label="Trades">
      <h2>
        Trades{' '}
        <span className="muted">{trades.length < total ? `newest ${trades.length} of ${total}` : total}</span>
        <ExportButton table="trades" filter={filter} label="Trades" />
      </h2>
      <div className="scroll">
        <table className="grid compact" data-testid="analytics-trades">
          <thead>
            <tr>
              <th>Day</th>
              <th className="number">Exit</th>
              <th>Symbol</th>
              <th>Side</th>
              <th>Source</th>
              <th>Signal</th>
              <th>Regime</th>
              <th>Exit rule</th>
              <th className="number">Hold s</th>
              <th className="number">Qty</th>
              <th className="number">Charges</th>
              <th className="number">Net P&amp;L</th>
            </tr>
          </thead>
          <tbody>
            {trades.map((trade) => (
              <tr key={trade.tradeId} data-testid="analytics-trade-row">
                <td>{trade.day}</td>
                <td className="number">{formatTapeTime(trade.exitTsUs, zone).slice(0, 8)}</td>
                <td className="symbol" title={trade.symbol}>
                  {trade.symbol}
                </td>
                <td className={trade.side === 'long' ? 'buy' : 'sell'}>{trade.side}</td>
                <td>{trade.source}</td>
                <td>{trade.signal ?? '—'}</td>
                <td>{trade.regime ?? '—'}</td>
                <td>{trade.exitRule ?? 'manual'}</td>
                <td className="number">{trade.holdSeconds.toFixed(1)}</td>
                <td className="number">{trade.quantity}</td>
                <td className="number">{money(trade.charges).replace('+', '')}</td>
                <td className={`number ${tone(trade.netPnl)}`}>{money(trade.netPnl)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
