import { useCallback, useEffect, useState } from 'react';
import type { InstrumentView } from '../../../shared/api/views';
import type { Side } from '../../../shared/domain/marketEvents';
import { DepthTable } from '../components/DepthTable';
import { formatMoney, formatUnits } from '../format';
import { AttachedGroupsTable } from '../ladder/AttachedGroupsTable';
import { BracketRow } from '../ladder/BracketRow';
import { HandOverButton } from '../ladder/HandOverButton';
import { WorkingOrdersTable } from '../ladder/WorkingOrdersTable';
import { getApi, reportError, useWorkstation, watchLadder, watchTrading } from '../store';

/** The main index's nearest-expiry call at the middle listed strike (the chain is listed around ATM). */
function defaultContract(instruments: readonly InstrumentView[]): string {
  const options = instruments.filter((candidate) => candidate.kind === 'option' && candidate.right === 'CE');
  if (options.length === 0) return instruments[0].symbol;
  const underlying =
    ['NIFTY', 'SPY'].find((name) => options.some((o) => o.underlying === name)) ?? options[0].underlying;
  const ofUnderlying = options.filter((candidate) => candidate.underlying === underlying);
  const nearestExpiry = ofUnderlying.map((candidate) => candidate.expiry ?? '').sort()[0];
  const strikes = ofUnderlying
    .filter((candidate) => candidate.expiry === nearestExpiry)
    .sort((a, b) => (a.strike ?? 0) - (b.strike ?? 0));
  return strikes[Math.floor(strikes.length / 2)].symbol;
}

/**
 * The scalping ladder: best-5 offers above best-5 bids, one-click Buy / Sell at market, a market
 * entry with TP/SL in ticks (bracket), the working orders and attached TP/SL groups, and the
 * position with live P&L and a hand-over to the engine. Hotkeys: B buys, S sells (ignored while
 * typing in a field).
 */
export function LadderWindow(): React.JSX.Element {
  const instruments = useWorkstation((state) => state.instruments);
  const [symbol, setSymbol] = useState<string>('');
  const [lots, setLots] = useState(1);
  const [busy, setBusy] = useState(false);
  const ladder = useWorkstation((state) => (symbol ? state.ladders[symbol] : undefined));
  const positions = useWorkstation((state) => state.positions);
  const instrument = instruments.find((candidate) => candidate.symbol === symbol);
  const position = positions.find(
    (candidate) => candidate.symbol === symbol && candidate.source === 'manual',
  );

  useEffect(() => {
    if (!symbol && instruments.length > 0) setSymbol(defaultContract(instruments));
  }, [instruments, symbol]);

  useEffect(() => (symbol ? watchLadder(symbol) : undefined), [symbol]);
  useEffect(() => watchTrading(), []);

  const place = useCallback(
    async (side: Side) => {
      if (!instrument) return;
      setBusy(true);
      try {
        const result = await getApi().orders.place({
          symbol: instrument.symbol,
          side,
          type: 'market',
          quantity: lots * instrument.lotSize,
          timeInForce: 'IOC',
        });
        if (result.status === 'rejected')
          reportError(`order rejected: ${result.rejectReason ?? 'no reason given'}`);
        else useWorkstation.setState({ lastError: null });
      } catch (error) {
        reportError(error);
      } finally {
        setBusy(false);
      }
    },
    [instrument, lots],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
      if (event.key === 'b' || event.key === 'B') void place('buy');
      if (event.key === 's' || event.key === 'S') void place('sell');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [place]);

  const decimals = ladder?.priceDecimals ?? instrument?.priceDecimals ?? 2;

  return (
    <div className="ladder-window">
      <header className="toolbar">
        <select
          aria-label="Instrument"
          data-testid="symbol-select"
          value={symbol}
          onChange={(event) => setSymbol(event.target.value)}
        >
          {instruments.map((candidate) => (
            <option key={candidate.symbol} value={candidate.symbol}>
              {candidate.symbol}
            </option>
          ))}
        </select>
        <label>
          Lots{' '}
          <input
            type="number"
            min={1}
            max={100}
            value={lots}
            aria-label="Lots"
            onChange={(event) => setLots(Math.max(1, Math.trunc(Number(event.target.value)) || 1))}
          />
        </label>
        {instrument && <span className="muted">lot {instrument.lotSize}</span>}
      </header>

      <DepthTable
        bids={ladder?.bids ?? []}
        asks={ladder?.asks ?? []}
        decimals={decimals}
        emptyText="waiting for prices…"
        testId="ladder"
      />
      <div className="last" data-testid="last-price">
        Last {ladder?.lastPrice != null ? formatUnits(ladder.lastPrice, decimals) : '—'}
      </div>

      <div className="actions">
        <button
          className="buy"
          data-testid="buy"
          disabled={busy || !ladder}
          onClick={() => void place('buy')}
        >
          Buy <kbd>B</kbd>
        </button>
        <button
          className="sell"
          data-testid="sell"
          disabled={busy || !ladder}
          onClick={() => void place('sell')}
        >
          Sell <kbd>S</kbd>
        </button>
      </div>

      <BracketRow instrument={instrument} lots={lots} disabled={busy || !ladder} />

      <section className="position" data-testid="position">
        <div>
          Position <strong data-testid="position-qty">{position?.quantity ?? 0}</strong>
        </div>
        <div>
          Avg{' '}
          <span data-testid="position-avg">
            {position && position.quantity !== 0 ? formatUnits(position.averagePrice, decimals) : '—'}
          </span>
        </div>
        <div>
          P&amp;L{' '}
          <span
            data-testid="position-pnl"
            className={position && position.realisedPnl + position.unrealisedPnl < 0 ? 'loss' : 'profit'}
          >
            {position ? formatMoney(position.realisedPnl + position.unrealisedPnl) : '0.00'}
          </span>
        </div>
        <HandOverButton symbol={symbol} position={position} />
      </section>

      <WorkingOrdersTable instruments={instruments} />
      <AttachedGroupsTable />
    </div>
  );
}
