import { useMemo, useState } from 'react';
import type { ReplayStateView } from '../../../shared/api/views';
import '../chart/chart.css';
import { IntervalPicker } from '../chart/IntervalPicker';
import { formatChartClock, toChartTime, zoneName } from '../chart/chartTime';
import { TradingChart } from '../chart/TradingChart';
import { formatUnits } from '../format';
import { replayControl } from './replayStore';
import { useReplayCandles } from './useReplayCandles';

/**
 * The replay's chart (issue 12): the same chart as the live window, read-only, following the replayed
 * tape for the symbol the ladder watches, with the replay account's fills as markers and listed
 * under it. A contract's bars start when it is first watched or first ordered by the replay account.
 */
export function ReplayChart({ state }: { readonly state: ReplayStateView }): React.JSX.Element {
  const [interval, setInterval] = useState(5);
  const data = useReplayCandles(state.sequence, interval);
  const instrument = useMemo(
    () =>
      data.symbol === null
        ? null
        : {
            symbol: data.symbol,
            priceDecimals: data.priceDecimals,
            tickUnits: data.tickUnits,
            multiplier: 1,
          },
    [data.symbol, data.priceDecimals, data.tickUnits],
  );
  return (
    <section className="replay-chart" aria-label="Replayed chart">
      <div className="toolbar">
        <IntervalPicker interval={interval} onChange={setInterval} />
        <span className="muted" data-testid="replay-chart-bars">
          {data.symbol === null ? 'no symbol yet' : `${data.symbol} · ${data.bars.length} bars`}
        </span>
        {data.tradedSymbols.length > 0 && (
          <span className="traded" role="group" aria-label="Traded symbols">
            Traded:{' '}
            {data.tradedSymbols.map((symbol) => (
              <button
                key={symbol}
                type="button"
                aria-pressed={symbol === data.symbol}
                onClick={() => void replayControl((api) => api.replay.watch({ symbol }))}
              >
                {symbol}
              </button>
            ))}
          </span>
        )}
      </div>
      {instrument ? (
        <TradingChart
          instrument={instrument}
          interval={interval}
          timeZone={data.timeZone}
          bars={data.bars}
          lines={[]}
          fills={data.fills}
          position={undefined}
        />
      ) : (
        <p className="muted">the chart follows the replayed symbol once the tape plays</p>
      )}
      <ul className="replay-fills" aria-label="Replay fills" data-testid="replay-fills">
        {data.fills.map((fill) => (
          <li key={fill.fillId}>
            {formatChartClock(toChartTime(fill.tsEvent, data.timeZone), true)} {zoneName(data.timeZone)}{' '}
            {fill.side === 'buy' ? 'BUY' : 'SELL'} {fill.quantity} @{' '}
            {formatUnits(fill.price, data.priceDecimals)}
          </li>
        ))}
      </ul>
    </section>
  );
}
