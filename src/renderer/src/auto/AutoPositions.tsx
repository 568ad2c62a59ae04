import { formatMoney, formatUnits } from '../format';
import { HandOverButton } from '../ladder/HandOverButton';
import { HandBackButton } from './HandBackButton';
import { useWorkstation } from '../store';
import { useAuto } from './autoStore';
import { countdown } from './autoFormat';

/**
 * The engine's open positions (its own and those handed over): trailing stage, current stop and the
 * time exit's countdown in market time, each with the hand-back button that takes it from the engine.
 * Below, the trader's manual positions, each with the hand-over button that gives it to the engine's exits.
 */
export function AutoPositions(): React.JSX.Element {
  const panel = useAuto((state) => state.panel);
  const instruments = useWorkstation((state) => state.instruments);
  const positions = useWorkstation((state) => state.positions);
  const decimals = (symbol: string): number =>
    instruments.find((instrument) => instrument.symbol === symbol)?.priceDecimals ?? 2;
  const price = (symbol: string, units: number | null): string =>
    units === null ? '—' : formatUnits(units, decimals(symbol));
  const manual = positions.filter((position) => position.source === 'manual' && position.quantity !== 0);
  const held = panel?.positions ?? [];
  return (
    <section className="auto-positions" aria-label="Auto positions">
      <h2>Positions</h2>
      <table className="grid compact" data-testid="auto-positions">
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Owner</th>
            <th className="number">Qty</th>
            <th className="number">Avg</th>
            <th className="number">Mark</th>
            <th className="number">Unreal.</th>
            <th>Trail</th>
            <th className="number">Stop</th>
            <th className="number">Time exit</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {held.map((position) => (
            <tr key={position.symbol} data-testid="auto-position-row">
              <td className="symbol" title={position.symbol}>
                {position.symbol}
              </td>
              <td>{position.ownership === 'auto' ? 'engine' : 'handed over'}</td>
              <td className="number">{position.quantity}</td>
              <td className="number">{price(position.symbol, position.averagePrice)}</td>
              <td className="number">{price(position.symbol, position.markPrice)}</td>
              <td className={`number ${position.unrealisedPnl >= 0 ? 'profit' : 'loss'}`}>
                {formatMoney(position.unrealisedPnl)}
              </td>
              <td>{position.exiting ? 'exiting' : position.trailingStageName}</td>
              <td className="number">{price(position.symbol, position.stopPrice)}</td>
              <td className="number" data-testid="auto-time-exit">
                {position.timeExitAtUs === null || !panel
                  ? 'off'
                  : countdown((position.timeExitAtUs - panel.nowUs) / 1e6)}
              </td>
              <td>
                <HandBackButton symbol={position.symbol} exiting={position.exiting} />
              </td>
            </tr>
          ))}
          {held.length === 0 && (
            <tr>
              <td colSpan={10} className="muted">
                the engine holds nothing
              </td>
            </tr>
          )}
          {manual.map((position) => (
            <tr key={`manual-${position.symbol}`} className="manual-row">
              <td className="symbol" title={position.symbol}>
                {position.symbol}
              </td>
              <td>manual</td>
              <td className="number">{position.quantity}</td>
              <td className="number">{formatUnits(position.averagePrice, position.priceDecimals)}</td>
              <td className="number">
                {position.markPrice === null ? '—' : formatUnits(position.markPrice, position.priceDecimals)}
              </td>
              <td className={`number ${position.unrealisedPnl >= 0 ? 'profit' : 'loss'}`}>
                {formatMoney(position.unrealisedPnl)}
              </td>
              <td colSpan={4}>
                <HandOverButton symbol={position.symbol} position={position} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
