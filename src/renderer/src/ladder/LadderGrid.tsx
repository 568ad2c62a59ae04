import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { InstrumentView } from '../../../shared/api/views';
import { formatUnits } from '../format';
import { useCanOpen, useHostReady } from '../shell/armStore';
import { useWorkstation } from '../store';
import type { LadderMark } from './ladderMarks';
import { bookByPrice, marksByPrice } from './ladderMarks';
import { cancelGroup, cancelOrder, moveLeg, moveOrder, placeEntry } from './ladderTrading';
import { LadderRow } from './LadderRow';
import type { PriceAxis } from './priceAxis';
import {
  centredAxis,
  marketCentre,
  marketLeftAxis,
  resizeAxis,
  rowOf,
  rowPrice,
  scrollAxis,
} from './priceAxis';
import { useRecentreRequest } from './recentre';

/** Row height in CSS px (styles.css `.ladder-grid tr`); the row count follows the space available. */
const ROW_HEIGHT = 20;
const MIN_ROWS = 11;
const MAX_ROWS = 201;

function markKey(mark: LadderMark): string {
  return mark.kind === 'leg' ? `${mark.groupId}/${mark.legId}` : mark.orderId;
}

function splitBySide(marks: Map<number, LadderMark[]>, side: 'buy' | 'sell'): Map<number, LadderMark[]> {
  const result = new Map<number, LadderMark[]>();
  for (const [price, list] of marks) {
    const ofSide = list.filter((mark) => mark.side === side);
    if (ofSide.length > 0) result.set(price, ofSide);
  }
  return result;
}

interface DragState {
  readonly mark: LadderMark;
  readonly fromRow: number;
}

/**
 * The price grid of one contract: a fixed axis (one row per tick) that moves only on request or when
 * the market leaves it, never under the cursor. Left-click in the bid column buys at that row's price
 * (limit), in the ask column sells; Shift+click places a stop. Drag one of my orders (or a TP/SL) to
 * another row to move it; right-click it, or its ×, to cancel.
 */
export function LadderGrid({ instrument }: { readonly instrument: InstrumentView }): React.JSX.Element {
  const symbol = instrument.symbol;
  const view = useWorkstation((state) => state.ladders[symbol]);
  const orders = useWorkstation((state) => state.orders);
  const groups = useWorkstation((state) => state.groups);
  const canOpen = useCanOpen();
  const hostReady = useHostReady();
  const recentreCount = useRecentreRequest((state) => state.count);
  const [axis, setAxis] = useState<PriceAxis | null>(null);
  const [rows, setRows] = useState(31);
  const [outOfView, setOutOfView] = useState(false);
  const [drag, setDrag] = useState<DragState | null>(null);
  const [dropRow, setDropRow] = useState<number | null>(null);
  const pointerInside = useRef(false);
  const justDragged = useRef(false);
  const body = useRef<HTMLDivElement>(null);
  const decimals = instrument.priceDecimals;
  const tick = instrument.tickUnits;
  const book = useMemo(() => bookByPrice(view), [view]);
  const centre = marketCentre(book.bestBid, book.bestAsk, view?.lastPrice ?? null);

  // Rows follow the height available (420 px phone-size to a 4K portrait monitor).
  useEffect(() => {
    const element = body.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => {
      const fit = Math.floor(entry.contentRect.height / ROW_HEIGHT) - 1;
      setRows(Math.max(MIN_ROWS, Math.min(MAX_ROWS, fit | 1)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => setAxis((current) => (current ? resizeAxis(current, rows) : current)), [rows]);

  const recentre = useCallback(() => {
    if (centre !== null) setAxis(centredAxis(centre, tick, rows));
    setOutOfView(false);
  }, [centre, tick, rows]);

  const recentreRef = useRef(recentre);
  recentreRef.current = recentre;

  // First prices, a new contract, or the trader's R / button: centre on the market.
  useEffect(() => setAxis(null), [symbol]);
  useEffect(() => {
    // Only a new request re-centres, not a new centre: `recentre` is read through a ref.
    if (recentreCount > 0) recentreRef.current();
  }, [recentreCount]);
  useEffect(() => {
    if (centre === null) return;
    if (!axis) {
      setAxis(centredAxis(centre, tick, rows));
      return;
    }
    const left = marketLeftAxis(axis, book.bestBid, book.bestAsk);
    // The market left the rows: re-centre, unless the cursor is on the ladder (then say so and wait).
    if (left && !pointerInside.current && !drag) setAxis(centredAxis(centre, tick, rows));
    setOutOfView(left && (pointerInside.current || drag !== null));
  }, [axis, book.bestBid, book.bestAsk, centre, tick, rows, drag]);

  const marks = useMemo(() => marksByPrice(symbol, orders, groups), [symbol, orders, groups]);
  const buyMarks = useMemo(() => splitBySide(marks, 'buy'), [marks]);
  const sellMarks = useMemo(() => splitBySide(marks, 'sell'), [marks]);
  const findMark = (key: string): LadderMark | undefined =>
    [...marks.values()].flat().find((mark) => markKey(mark) === key);

  const cancelMark = (mark: LadderMark): void => {
    if (mark.kind === 'order') cancelOrder(mark.orderId);
    else cancelGroup(mark.groupId);
  };

  // A drag ends wherever the button is released.
  useEffect(() => {
    if (!drag) return undefined;
    const onUp = (event: MouseEvent): void => {
      // The row under the pointer when the button is released: on a busy frame the last move's row may
      // not have rendered yet, and the order must land where the trader let go, not where it was.
      const released =
        event.target instanceof Element && body.current?.contains(event.target)
          ? rowIndexOf(event.target)
          : null;
      const row = released ?? dropRow;
      if (axis && row !== null && row !== drag.fromRow) {
        const price = rowPrice(axis, row);
        if (drag.mark.kind === 'order') moveOrder(drag.mark.orderId, drag.mark.type, price);
        else moveLeg(drag.mark.groupId, drag.mark.legId, price);
        justDragged.current = true;
      }
      setDrag(null);
      setDropRow(null);
    };
    window.addEventListener('mouseup', onUp);
    return () => window.removeEventListener('mouseup', onUp);
  }, [drag, dropRow, axis]);

  const rowIndexOf = (target: EventTarget): number | null => {
    const row = (target as Element).closest('[data-row]');
    return row ? Number(row.getAttribute('data-row')) : null;
  };

  const onMouseDown = (event: React.MouseEvent): void => {
    const target = event.target as Element;
    if (event.button !== 0 || target.closest('[data-cancel]')) return;
    const markElement = target.closest('[data-mark]');
    const row = rowIndexOf(target);
    if (!markElement || row === null) return;
    const mark = findMark(markElement.getAttribute('data-mark') ?? '');
    if (!mark?.movable) return;
    event.preventDefault();
    setDrag({ mark, fromRow: row });
    setDropRow(row);
  };

  const onMouseMove = (event: React.MouseEvent): void => {
    if (!drag) return;
    const row = rowIndexOf(event.target);
    if (row !== null && row !== dropRow) setDropRow(row);
  };

  const onClick = (event: React.MouseEvent): void => {
    if (justDragged.current) {
      justDragged.current = false;
      return;
    }
    const target = event.target as Element;
    const cancel = target.closest('[data-cancel]');
    if (cancel) {
      const mark = findMark(cancel.getAttribute('data-cancel') ?? '');
      if (mark) cancelMark(mark);
      return;
    }
    const column = target.closest('[data-column]')?.getAttribute('data-column');
    const row = rowIndexOf(target);
    if (!axis || row === null || (column !== 'bid' && column !== 'ask')) return;
    const price = rowPrice(axis, row);
    const side = column === 'bid' ? 'buy' : 'sell';
    void placeEntry(instrument, side, event.shiftKey ? { type: 'stop', price } : { type: 'limit', price });
  };

  const onContextMenu = (event: React.MouseEvent): void => {
    const target = event.target as Element;
    const markElement = target.closest('[data-mark]');
    const row = rowIndexOf(target);
    if (!axis || row === null) return;
    event.preventDefault();
    if (markElement) {
      const mark = findMark(markElement.getAttribute('data-mark') ?? '');
      if (mark) cancelMark(mark);
      return;
    }
    // Right-click on an orders cell cancels everything of mine at that price on that side.
    const column = target.closest('[data-column]')?.getAttribute('data-column');
    const price = rowPrice(axis, row);
    const atPrice =
      column === 'buy-orders'
        ? buyMarks.get(price)
        : column === 'sell-orders'
          ? sellMarks.get(price)
          : undefined;
    atPrice?.forEach(cancelMark);
  };

  const onWheel = (event: React.WheelEvent): void => {
    if (!axis || event.deltaY === 0) return;
    setAxis(scrollAxis(axis, event.deltaY < 0 ? 3 : -3));
  };

  const shown = axis ?? null;
  const lastPrice = view?.lastPrice ?? null;
  const lastRow = shown && lastPrice !== null ? rowOf(shown, lastPrice) : -1;
  return (
    <div
      className={`ladder-grid-body ${canOpen ? 'armed' : 'disarmed'} ${drag ? 'dragging' : ''} ${hostReady ? '' : 'host-lost'}`}
      ref={body}
      onMouseEnter={() => (pointerInside.current = true)}
      onMouseLeave={() => {
        pointerInside.current = false;
        if (outOfView && !drag) recentre();
      }}
    >
      {outOfView && (
        <button type="button" className="out-of-view" onClick={recentre}>
          Market out of view — re-centre (R)
        </button>
      )}
      <table
        className="ladder-grid"
        data-testid="ladder-grid"
        aria-label={`${symbol} price ladder`}
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onClick={onClick}
        onContextMenu={onContextMenu}
        onWheel={onWheel}
      >
        <thead>
          <tr>
            <th title="my buy orders">Buy</th>
            <th title="bid size; click to buy at that price, Shift+click for a stop">Bid</th>
            <th>Price</th>
            <th title="ask size; click to sell at that price, Shift+click for a stop">Ask</th>
            <th title="my sell orders">Sell</th>
            <th title="volume traded at price: on bid × on ask">Vol b×a</th>
          </tr>
        </thead>
        <tbody>
          {shown === null ? (
            <tr>
              <td colSpan={6} className="muted">
                waiting for prices…
              </td>
            </tr>
          ) : (
            Array.from({ length: shown.rows }, (_unused, index) => {
              const price = rowPrice(shown, index);
              const volume = book.volume.get(price);
              return (
                <LadderRow
                  key={index}
                  index={index}
                  priceText={formatUnits(price, decimals)}
                  bidSize={book.bids.get(price)}
                  askSize={book.asks.get(price)}
                  volumeAtBid={volume?.atBid ?? 0}
                  volumeAtAsk={volume?.atAsk ?? 0}
                  volumeShare={
                    volume && book.maxVolume > 0 ? (volume.atBid + volume.atAsk) / book.maxVolume : 0
                  }
                  isBestBid={price === book.bestBid}
                  isBestAsk={price === book.bestAsk}
                  isLast={index === lastRow}
                  lastAggressor={index === lastRow ? (view?.session.lastAggressor ?? null) : null}
                  insideSpread={
                    book.bestBid !== null &&
                    book.bestAsk !== null &&
                    price > book.bestBid &&
                    price < book.bestAsk
                  }
                  buyMarks={buyMarks.get(price)}
                  sellMarks={sellMarks.get(price)}
                  isDropTarget={drag !== null && dropRow === index && dropRow !== drag.fromRow}
                />
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}
