import { useEffect, useRef } from 'react';
import type { ChainQuoteView, ChainRowView, ChainView } from '../../../shared/api/chainViews';
import type { InstrumentView } from '../../../shared/api/views';
import { placeEntry } from '../ladder/ladderTrading';
import { openWindow } from '../shell/windowKinds';
import { useWorkstation } from '../store';
import { compact, fixed, percent, signedCompact } from './chainFormat';

type Side = 'ce' | 'pe';

/** One side's columns, outside in: OI … LTP for calls (left), mirrored for puts (right). */
const COLUMNS = ['OI', 'ΔOI', 'Vol', 'IV', 'Δ', 'Γ', 'Θ', 'V', 'Bid', 'Ask', 'LTP'] as const;

function numberCells(quote: ChainQuoteView | null): Array<[string, string]> {
  if (!quote) return COLUMNS.slice(0, 8).map((name) => [name, '']);
  return [
    ['OI', compact(quote.oi)],
    ['ΔOI', signedCompact(quote.oiChange)],
    ['Vol', compact(quote.volume)],
    ['IV', percent(quote.iv, 1)],
    ['Δ', fixed(quote.delta, 2)],
    ['Γ', fixed(quote.gamma, 4)],
    ['Θ', fixed(quote.theta, 2)],
    ['V', fixed(quote.vega, 2)],
  ];
}

/** Bid (sell into it), ask (buy it) and LTP (open its ladder): buttons when the contract is tradable. */
function priceCells(
  quote: ChainQuoteView | null,
  instrument: InstrumentView | undefined,
  right: 'CE' | 'PE',
): React.JSX.Element[] {
  const cell = (name: string, value: number, action: (() => void) | null, label: string) => (
    <td key={name} className={`num price ${name.toLowerCase()}`}>
      {action && value > 0 ? (
        <button type="button" aria-label={label} onClick={action}>
          {value.toFixed(2)}
        </button>
      ) : quote ? (
        fixed(value, 2)
      ) : (
        ''
      )}
    </td>
  );
  if (!quote) return ['Bid', 'Ask', 'LTP'].map((name) => <td key={name} className="num" />);
  const units = (price: number): number =>
    instrument ? Math.round(price * 10 ** instrument.priceDecimals) : 0;
  const symbol = quote.symbol ?? right;
  const trade = (side: 'buy' | 'sell', price: number) =>
    instrument ? () => void placeEntry(instrument, side, { type: 'limit', price: units(price) }) : null;
  return [
    cell('Bid', quote.bid, trade('sell', quote.bid), `Sell ${symbol} at ${quote.bid.toFixed(2)}`),
    cell('Ask', quote.ask, trade('buy', quote.ask), `Buy ${symbol} at ${quote.ask.toFixed(2)}`),
    cell(
      'LTP',
      quote.ltp,
      quote.symbol ? () => openWindow('ladder', { symbol: quote.symbol ?? '' }) : null,
      `Open ${symbol} in a ladder`,
    ),
  ];
}

function Row({
  row,
  atm,
  spot,
  instruments,
}: {
  readonly row: ChainRowView;
  readonly atm: boolean;
  readonly spot: number;
  readonly instruments: ReadonlyMap<string, InstrumentView>;
}): React.JSX.Element {
  const numbers = (side: Side, inTheMoney: boolean) =>
    numberCells(row[side]).map(([name, text]) => (
      <td key={name} className={inTheMoney ? 'num itm' : 'num'}>
        {text}
      </td>
    ));
  const instrumentOf = (side: Side) => {
    const symbol = row[side]?.symbol;
    return symbol ? instruments.get(symbol) : undefined;
  };
  return (
    <tr className={atm ? 'atm' : undefined} aria-current={atm ? 'true' : undefined}>
      {numbers('ce', row.strike < spot)}
      {priceCells(row.ce, instrumentOf('ce'), 'CE')}
      <th scope="row" className="num strike">
        {atm && <span className="atm-tag">ATM </span>}
        {row.strike}
      </th>
      {priceCells(row.pe, instrumentOf('pe'), 'PE').reverse()}
      {numbers('pe', row.strike > spot).reverse()}
    </tr>
  );
}

/**
 * The chain: calls left, puts right, strikes in the middle; in-the-money sides shaded, the ATM row
 * outlined and marked. Bid and ask place a limit order there (through the ARM gate, like every
 * opening click); LTP opens the contract in a ladder window.
 */
export function ChainTable({ chain }: { readonly chain: ChainView }): React.JSX.Element {
  const instrumentList = useWorkstation((state) => state.instruments);
  const instruments = new Map(instrumentList.map((instrument) => [instrument.symbol, instrument]));
  const atmStrike = chain.summary.atmStrike;
  const wrap = useRef<HTMLDivElement>(null);
  // A new chain (another expiry, a file) opens centred on the money, not on the deepest strike.
  useEffect(() => {
    const container = wrap.current;
    const row = container?.querySelector<HTMLElement>('tr[aria-current="true"]');
    if (container && row) container.scrollTop = row.offsetTop - container.clientHeight / 2;
  }, [chain.series, chain.source, atmStrike !== null]);
  return (
    <div className="chain-table-wrap" ref={wrap}>
      <table className="chain-table" aria-label={`${chain.underlying} ${chain.expiry} option chain`}>
        <thead>
          <tr>
            <th colSpan={COLUMNS.length} scope="colgroup" className="ce-head">
              Calls (CE)
            </th>
            <th scope="col" />
            <th colSpan={COLUMNS.length} scope="colgroup" className="pe-head">
              Puts (PE)
            </th>
          </tr>
          <tr>
            {COLUMNS.map((name) => (
              <th key={`ce${name}`} scope="col" className="num">
                {name}
              </th>
            ))}
            <th scope="col" className="num">
              Strike
            </th>
            {[...COLUMNS].reverse().map((name) => (
              <th key={`pe${name}`} scope="col" className="num">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chain.rows.map((row) => (
            <Row
              key={row.strike}
              row={row}
              atm={row.strike === atmStrike}
              spot={chain.summary.spot}
              instruments={instruments}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
