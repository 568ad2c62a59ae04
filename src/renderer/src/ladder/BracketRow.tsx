import { useState } from 'react';
import type { InstrumentView } from '../../../shared/api/views';
import type { Side } from '../../../shared/domain/marketEvents';
import { getApi, reportError, useWorkstation } from '../store';

/** A tick distance as typed: empty means "no leg"; anything else must be a whole number ≥ 1. */
function parseTicks(text: string): number | undefined | null {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 ? value : null;
}

/**
 * Market entry with a take-profit and/or a stop-loss, both in ticks from the entry (one ladder row is
 * one tick). The core turns ticks into prices on the tick grid and holds the exits at the broker when
 * it can, or emulates them (the attached-orders table says which).
 */
export function BracketRow({
  instrument,
  lots,
  disabled,
}: {
  readonly instrument: InstrumentView | undefined;
  readonly lots: number;
  readonly disabled: boolean;
}): React.JSX.Element {
  const [takeProfit, setTakeProfit] = useState('20');
  const [stopLoss, setStopLoss] = useState('10');
  const [busy, setBusy] = useState(false);
  const takeProfitTicks = parseTicks(takeProfit);
  const stopLossTicks = parseTicks(stopLoss);
  const valid =
    takeProfitTicks !== null &&
    stopLossTicks !== null &&
    (takeProfitTicks !== undefined || stopLossTicks !== undefined);

  const place = async (side: Side): Promise<void> => {
    if (!instrument || !valid) return;
    setBusy(true);
    try {
      const result = await getApi().orders.placeBracket({
        symbol: instrument.symbol,
        side,
        quantity: lots * instrument.lotSize,
        entry: { type: 'market' },
        takeProfitTicks,
        stopLossTicks,
      });
      if (result.status === 'rejected')
        reportError(`bracket rejected: ${result.rejectReason ?? 'no reason given'}`);
      else useWorkstation.setState({ lastError: null });
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const off = disabled || busy || !valid;
  return (
    <div className="bracket-row" data-testid="bracket-row">
      <label title="Take-profit distance from the entry, in ticks (empty: none)">
        TP{' '}
        <input
          type="number"
          min={1}
          placeholder="off"
          value={takeProfit}
          aria-label="Take-profit ticks"
          aria-invalid={takeProfitTicks === null}
          data-testid="bracket-tp"
          onChange={(event) => setTakeProfit(event.target.value)}
        />
      </label>
      <label title="Stop-loss distance from the entry, in ticks (empty: none)">
        SL{' '}
        <input
          type="number"
          min={1}
          placeholder="off"
          value={stopLoss}
          aria-label="Stop-loss ticks"
          aria-invalid={stopLossTicks === null}
          data-testid="bracket-sl"
          onChange={(event) => setStopLoss(event.target.value)}
        />
      </label>
      <span className="muted">ticks</span>
      <button className="buy" data-testid="buy-bracket" disabled={off} onClick={() => void place('buy')}>
        Buy + bracket
      </button>
      <button className="sell" data-testid="sell-bracket" disabled={off} onClick={() => void place('sell')}>
        Sell + bracket
      </button>
    </div>
  );
}
