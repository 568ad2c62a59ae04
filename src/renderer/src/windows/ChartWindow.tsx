import { useArm } from '../shell/armStore';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FillView, InstrumentView } from '../../../shared/api/views';
import { CANDLE_INTERVAL_SECONDS } from '../../../shared/api/schemas';
import '../chart/chart.css';
import { formatMoney, formatUnits } from '../format';
import { getApi, reportError, useWorkstation, watchTrading } from '../store';
import type { OrderLine } from '../chart/orderLines';
import { orderLines } from '../chart/orderLines';
import { IntervalPicker } from '../chart/IntervalPicker';
import { TradingChart } from '../chart/TradingChart';
import { useCandles } from '../chart/useCandles';

const STORAGE_KEY = 'scalpdesk.chart';

interface Remembered {
  readonly symbol: string;
  readonly interval: number;
}

function remembered(): Remembered {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Remembered>;
    const interval = CANDLE_INTERVAL_SECONDS.find((seconds) => seconds === saved.interval) ?? 5;
    return { symbol: typeof saved.symbol === 'string' ? saved.symbol : '', interval };
  } catch {
    return { symbol: '', interval: 5 };
  }
}

/** The contract a new chart opens on: the nearest-expiry call whose strike is the median listed one. */
function defaultSymbol(instruments: readonly InstrumentView[]): string {
  const calls = instruments.filter((candidate) => candidate.kind === 'option' && candidate.right === 'CE');
  if (calls.length === 0) return instruments[0]?.symbol ?? '';
  const expiry = calls.reduce(
    (soonest, call) => ((call.expiry ?? '') < soonest ? (call.expiry ?? '') : soonest),
    '~',
  );
  const strikes = calls
    .filter((call) => call.expiry === expiry)
    .sort((a, b) => (a.strike ?? 0) - (b.strike ?? 0));
  return strikes[Math.floor(strikes.length / 2)].symbol;
}

/**
 * Chart trading (issue 12): candles built in the core, order lines to drag, right-click (or
 * Alt+click) to place a limit — Shift for a stop — at that price while ARM is on.
 */
export function ChartWindow(): React.JSX.Element {
  const instruments = useWorkstation((state) => state.instruments);
  const orders = useWorkstation((state) => state.orders);
  const groups = useWorkstation((state) => state.groups);
  const positions = useWorkstation((state) => state.positions);
  const [choice, setChoice] = useState<Remembered>(remembered);
  // The shell's ARM switch (header): one switch per window, off at start, dropped on host loss.
  const armed = useArm((state) => state.armed);
  const [lots, setLots] = useState(1);
  const [message, setMessage] = useState('');
  const [fills, setFills] = useState<readonly FillView[]>([]);
  // Bumped when a drop is refused, so the lines are drawn again at the order's real price.
  const [redraw, setRedraw] = useState(0);

  const symbol = choice.symbol || (instruments.length > 0 ? defaultSymbol(instruments) : '');
  const instrument = instruments.find((candidate) => candidate.symbol === symbol);
  const { bars, timeZone } = useCandles(instrument ? symbol : '', choice.interval);
  // An option's chart carries its underlying index on the left scale.
  const underlying =
    instrument?.kind === 'option' && instrument.underlying
      ? instruments.find((candidate) => candidate.symbol === instrument.underlying)
      : undefined;
  const underlyingBars = useCandles(underlying?.symbol ?? '', choice.interval).bars;
  const overlay = useMemo(
    () =>
      underlying
        ? { symbol: underlying.symbol, priceDecimals: underlying.priceDecimals, bars: underlyingBars }
        : undefined,
    [underlying, underlyingBars],
  );
  const position = positions.find(
    (candidate) => candidate.symbol === symbol && candidate.source === 'manual',
  );

  useEffect(() => watchTrading(), []);
  useEffect(() => {
    // The session's fills so far, then each new one (a fill can arrive while the list is on its way).
    const add = (more: readonly FillView[]): void =>
      setFills((held) => {
        const known = new Set(held.map((fill) => fill.fillId));
        const added = more.filter((fill) => !known.has(fill.fillId));
        return added.length === 0 ? held : [...held, ...added];
      });
    const unsubscribe = getApi().orders.onFill({}, (fill) => add([fill]));
    getApi().orders.listFills({}).then(add, reportError);
    return unsubscribe;
  }, []);
  useEffect(() => {
    if (symbol) localStorage.setItem(STORAGE_KEY, JSON.stringify({ symbol, interval: choice.interval }));
  }, [symbol, choice.interval]);

  const lines = useMemo(
    () => orderLines(symbol, Object.values(orders), Object.values(groups), position),
    // `redraw` makes a new array so a refused drop's line goes back.
    [symbol, orders, groups, position, redraw],
  );

  const onDrop = useCallback(
    (line: OrderLine, price: number) => {
      if (!instrument) return;
      const text = formatUnits(price, instrument.priceDecimals);
      const request =
        line.target.kind === 'order'
          ? getApi().orders.modify({ orderId: line.target.orderId, [line.target.field]: price })
          : line.target.kind === 'leg'
            ? getApi().orders.modifyLeg({ groupId: line.target.groupId, legId: line.target.legId, price })
            : null;
      request?.then(
        () => setMessage(`${line.label} moved to ${text}`),
        (error: unknown) => {
          reportError(error);
          setMessage(`${line.label} not moved: ${error instanceof Error ? error.message : String(error)}`);
          setRedraw((count) => count + 1);
        },
      );
    },
    [instrument],
  );

  const onPlace = useCallback(
    (price: number, stop: boolean) => {
      if (!instrument) return;
      const text = formatUnits(price, instrument.priceDecimals);
      if (!armed) {
        setMessage(`ARM is off: nothing placed at ${text}`);
        return;
      }
      const last = bars[bars.length - 1]?.close;
      if (last === undefined || price === last) {
        setMessage(`no order at ${text}: at the last price (use the ladder for a market order)`);
        return;
      }
      const below = price < last;
      // Below the market a limit buys and a stop sells; above it the reverse.
      const side = below === !stop ? 'buy' : 'sell';
      const type = stop ? 'stop' : 'limit';
      getApi()
        .orders.place({
          symbol: instrument.symbol,
          side,
          type,
          quantity: lots * instrument.lotSize,
          ...(stop ? { stopPrice: price } : { limitPrice: price }),
        })
        .then(
          (result) =>
            setMessage(
              result.rejectReason
                ? `${side} ${type} refused: ${result.rejectReason}`
                : `${side} ${type} ${lots * instrument.lotSize} @ ${text} placed (${result.orderId})`,
            ),
          reportError,
        );
    },
    [armed, bars, instrument, lots],
  );

  // The same elements every frame: React skips the select's hundreds of options while bars update.
  const symbolOptions = useMemo(
    () =>
      instruments.map((candidate) => (
        <option key={candidate.symbol} value={candidate.symbol}>
          {candidate.symbol}
        </option>
      )),
    [instruments],
  );
  const last = bars[bars.length - 1];
  return (
    <div className="chart-window">
      <div className="toolbar">
        <label>
          Symbol{' '}
          <select
            aria-label="Symbol"
            value={symbol}
            onChange={(event) => setChoice({ ...choice, symbol: event.target.value })}
          >
            {symbolOptions}
          </select>
        </label>
        <IntervalPicker
          interval={choice.interval}
          onChange={(seconds) => setChoice({ ...choice, interval: seconds })}
        />
        <label>
          Lots{' '}
          <input
            aria-label="Lots"
            type="number"
            min={1}
            max={100}
            value={lots}
            onChange={(event) =>
              setLots(Math.max(1, Math.min(100, Math.floor(Number(event.target.value)) || 1)))
            }
            style={{ width: '4em' }}
          />
        </label>
        <span className="chart-stats">
          {instrument && last
            ? `Last ${formatUnits(last.close, instrument.priceDecimals)}`
            : 'waiting for bars'}
          {position && position.quantity !== 0
            ? `  Pos ${position.quantity > 0 ? '+' : ''}${position.quantity} @ ${formatUnits(Math.round(position.averagePrice), position.priceDecimals)}  P&L ${formatMoney(position.unrealisedPnl)}`
            : ''}
        </span>
      </div>
      {instrument ? (
        <TradingChart
          instrument={instrument}
          interval={choice.interval}
          timeZone={timeZone}
          bars={bars}
          overlay={overlay}
          lines={lines}
          fills={fills}
          position={position}
          onDrop={onDrop}
          onPlace={onPlace}
        />
      ) : (
        <p className="muted">Loading instruments…</p>
      )}
      <div className="chart-message muted" role="status" aria-label="Chart message">
        {message ||
          'Drag a line to move the order (Esc aborts) · right-click or Alt+click: limit · +Shift: stop'}
      </div>
    </div>
  );
}
