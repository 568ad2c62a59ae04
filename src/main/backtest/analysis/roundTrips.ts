import type { Fill } from '../../../shared/domain/orders';
import type { RecordedInstrument } from '../../../shared/recording/events';

/**
 * One scalp from flat to flat on one symbol: every fill that opened or added to the position, and
 * every fill that reduced it, until it was flat again. A fill that flips the position through zero
 * closes one trade and opens the next (its quantity and charges split pro rata).
 * Money is in the instrument's currency as decimals (₹, $): price units × quantity × multiplier
 * / 10^priceDecimals; charges come from fills in minor currency units (paise, cents).
 */
export interface ClosedTrade {
  readonly tradeNumber: number;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  /** Total quantity opened (sum of entry fills). */
  readonly quantity: number;
  readonly entryTs: number;
  readonly exitTs: number;
  /** Quantity-weighted average entry and exit price, as decimals. */
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly grossPnl: number;
  readonly charges: number;
  readonly netPnl: number;
  /** Money paid or received to open: Σ price × quantity × multiplier of the opening fills. */
  readonly entryNotional: number;
  /** netPnl / entryNotional: the trade's return on the premium put at risk (what Sharpe is taken over). */
  readonly returnOnNotional: number;
  readonly holdSeconds: number;
  readonly entryOrderIds: readonly string[];
  readonly exitOrderIds: readonly string[];
  /** Filled in from the decision records when the engine produced the trade. */
  readonly signal: string | null;
  readonly exitRule: string | null;
}

export interface OpenPosition {
  readonly symbol: string;
  readonly quantity: number;
  readonly averagePrice: number;
  /** Marked at the last price seen, or null without one. */
  readonly unrealisedPnl: number | null;
}

/** Minor currency units per unit of currency for fill charges (paise, cents). */
const CHARGES_SCALE = 100;

interface OpenTrade {
  side: 'long' | 'short';
  position: number;
  entryQuantity: number;
  entryNotional: number;
  exitQuantity: number;
  exitNotional: number;
  /** Σ sell price×qty − Σ buy price×qty, in price units × quantity (exact integers). */
  cashFlow: number;
  charges: number;
  entryTs: number;
  exitTs: number;
  entryOrderIds: string[];
  exitOrderIds: string[];
}

export interface RoundTripOptions {
  readonly instrument: (symbol: string) => RecordedInstrument | undefined;
  /** Order id → (signal, exit rule) of the decisions behind it. */
  readonly tagFor?: (
    orderId: string,
  ) => { readonly signal: string | null; readonly exitRule: string | null } | undefined;
  readonly lastPrices?: ReadonlyMap<string, number>;
}

const round = (value: number, decimals = 4): number => {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded;
};

export function buildRoundTrips(
  fills: readonly Fill[],
  options: RoundTripOptions,
): { trades: ClosedTrade[]; open: OpenPosition[] } {
  const openTrades = new Map<string, OpenTrade>();
  const trades: ClosedTrade[] = [];
  const formatOf = (symbol: string): { scale: number; multiplier: number } => {
    const known = options.instrument(symbol);
    return { scale: 10 ** (known?.priceDecimals ?? 0), multiplier: known?.instrument?.multiplier ?? 1 };
  };

  const close = (symbol: string, trade: OpenTrade): void => {
    const { scale, multiplier } = formatOf(symbol);
    const grossPnl = (trade.cashFlow * multiplier) / scale;
    const charges = trade.charges / CHARGES_SCALE;
    const entryNotional = (trade.entryNotional * multiplier) / scale;
    const entryTag = trade.entryOrderIds.map((id) => options.tagFor?.(id)).find((tag) => tag?.signal);
    const exitTag = trade.exitOrderIds.map((id) => options.tagFor?.(id)).find((tag) => tag?.exitRule);
    trades.push({
      tradeNumber: trades.length + 1,
      symbol,
      side: trade.side,
      quantity: trade.entryQuantity,
      entryTs: trade.entryTs,
      exitTs: trade.exitTs,
      entryPrice: round(trade.entryNotional / trade.entryQuantity / scale, 6),
      exitPrice: round(trade.exitNotional / trade.exitQuantity / scale, 6),
      grossPnl: round(grossPnl),
      charges: round(charges),
      netPnl: round(grossPnl - charges),
      entryNotional: round(entryNotional),
      returnOnNotional: entryNotional > 0 ? round((grossPnl - charges) / entryNotional, 8) : 0,
      holdSeconds: round((trade.exitTs - trade.entryTs) / 1e6, 6),
      entryOrderIds: trade.entryOrderIds,
      exitOrderIds: trade.exitOrderIds,
      signal: entryTag?.signal ?? null,
      exitRule: exitTag?.exitRule ?? null,
    });
  };

  for (const fill of fills) {
    let remaining = fill.quantity;
    const direction = fill.side === 'buy' ? 1 : -1;
    while (remaining > 0) {
      let trade = openTrades.get(fill.symbol);
      if (trade === undefined) {
        trade = {
          side: direction === 1 ? 'long' : 'short',
          position: 0,
          entryQuantity: 0,
          entryNotional: 0,
          exitQuantity: 0,
          exitNotional: 0,
          cashFlow: 0,
          charges: 0,
          entryTs: fill.tsEvent,
          exitTs: fill.tsEvent,
          entryOrderIds: [],
          exitOrderIds: [],
        };
        openTrades.set(fill.symbol, trade);
      }
      const adding = trade.position === 0 || Math.sign(trade.position) === direction;
      const quantity = adding ? remaining : Math.min(remaining, Math.abs(trade.position));
      const share = quantity / fill.quantity;
      trade.position += direction * quantity;
      trade.cashFlow -= direction * fill.price * quantity;
      trade.charges += fill.charges * share;
      if (adding) {
        trade.entryQuantity += quantity;
        trade.entryNotional += fill.price * quantity;
        if (!trade.entryOrderIds.includes(fill.orderId)) trade.entryOrderIds.push(fill.orderId);
      } else {
        trade.exitQuantity += quantity;
        trade.exitNotional += fill.price * quantity;
        trade.exitTs = fill.tsEvent;
        if (!trade.exitOrderIds.includes(fill.orderId)) trade.exitOrderIds.push(fill.orderId);
      }
      remaining -= quantity;
      if (trade.position === 0) {
        close(fill.symbol, trade);
        openTrades.delete(fill.symbol);
      }
    }
  }

  const open: OpenPosition[] = [];
  for (const [symbol, trade] of [...openTrades.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { scale, multiplier } = formatOf(symbol);
    const averagePrice = trade.entryNotional / trade.entryQuantity;
    const last = options.lastPrices?.get(symbol);
    const unrealised =
      last === undefined
        ? null
        : ((trade.cashFlow + trade.position * last) * multiplier) / scale - trade.charges / CHARGES_SCALE;
    open.push({
      symbol,
      quantity: trade.position,
      averagePrice: round(averagePrice / scale, 6),
      unrealisedPnl: unrealised === null ? null : round(unrealised),
    });
  }
  return { trades, open };
}
