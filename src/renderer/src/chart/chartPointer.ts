import type { IChartApi, IPriceLine, ISeriesApi, SeriesType } from 'lightweight-charts';
import { snapToTick, toChartPrice } from './chartMaths';
import type { OrderLine } from './orderLines';

/** How near (px) to a line a press must land to grab it. */
const GRAB_PX = 6;

export interface ChartPointerOptions {
  readonly container: HTMLElement;
  readonly chart: IChartApi;
  readonly series: ISeriesApi<SeriesType>;
  readonly priceDecimals: number;
  readonly tickUnits: number;
  /** The current lines and their drawn price lines. */
  readonly lines: () => readonly OrderLine[];
  readonly priceLine: (id: string) => IPriceLine | undefined;
  /** The label while dragging a line to `price` (price units): new price and P&L there. */
  readonly dragLabel: (line: OrderLine, price: number) => string;
  /** A line was dropped at a new price (price units): modify the order or leg. */
  readonly onDrop: (line: OrderLine, price: number) => void;
  /** Right-click or Alt+click at `price` (price units). */
  readonly onPlace: (price: number, stop: boolean) => void;
}

/**
 * Dragging order lines and placing orders by pointer, on the chart's container in the capture phase
 * so the chart never sees a press that grabbed a line (no pan while dragging). Escape aborts a drag.
 * Returns the detach function.
 */
export function attachChartPointer(options: ChartPointerOptions): () => void {
  const { container, series } = options;
  let drag: { line: OrderLine; price: number; pointerId: number } | null = null;

  const yOf = (event: PointerEvent | MouseEvent): number =>
    event.clientY - container.getBoundingClientRect().top;
  const priceAt = (y: number): number | null => {
    const chartPrice = series.coordinateToPrice(y);
    return chartPrice === null ? null : snapToTick(chartPrice, options.priceDecimals, options.tickUnits);
  };
  const lineNear = (y: number): OrderLine | undefined => {
    let best: { line: OrderLine; distance: number } | undefined;
    for (const line of options.lines()) {
      if (line.target.kind === 'position') continue;
      const lineY = series.priceToCoordinate(toChartPrice(line.price, options.priceDecimals));
      if (lineY === null) continue;
      const distance = Math.abs(lineY - y);
      if (distance <= GRAB_PX && (!best || distance < best.distance)) best = { line, distance };
    }
    return best?.line;
  };
  const show = (line: OrderLine, price: number, title: string): void =>
    options.priceLine(line.id)?.applyOptions({ price: toChartPrice(price, options.priceDecimals), title });
  const endDrag = (): void => {
    if (drag && container.hasPointerCapture(drag.pointerId)) container.releasePointerCapture(drag.pointerId);
    drag = null;
    container.style.cursor = '';
    options.chart.applyOptions({ handleScroll: true, handleScale: true });
    series.priceScale().applyOptions({ autoScale: true });
  };

  const onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    const y = yOf(event);
    if (event.altKey) {
      const price = priceAt(y);
      event.preventDefault();
      event.stopPropagation();
      if (price !== null) options.onPlace(price, event.shiftKey);
      return;
    }
    const line = lineNear(y);
    if (!line) return;
    event.preventDefault();
    event.stopPropagation();
    // The scale holds still under the trader's hand while new ticks arrive.
    options.chart.applyOptions({ handleScroll: false, handleScale: false });
    series.priceScale().applyOptions({ autoScale: false });
    container.setPointerCapture(event.pointerId);
    drag = { line, price: line.price, pointerId: event.pointerId };
    container.style.cursor = 'ns-resize';
  };
  const onPointerMove = (event: PointerEvent): void => {
    const y = yOf(event);
    if (!drag) {
      container.style.cursor = lineNear(y) ? 'ns-resize' : '';
      return;
    }
    event.stopPropagation();
    const price = priceAt(y);
    if (price === null || price <= 0 || price === drag.price) return;
    drag.price = price;
    show(drag.line, price, options.dragLabel(drag.line, price));
  };
  const onPointerUp = (event: PointerEvent): void => {
    if (!drag) return;
    event.stopPropagation();
    // Where the button is released (a move coalesced away on a busy frame must not shift the drop).
    const released = priceAt(yOf(event));
    const { line } = drag;
    const price = released !== null && released > 0 ? released : drag.price;
    endDrag();
    if (price !== line.price) options.onDrop(line, price);
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !drag) return;
    const { line } = drag;
    endDrag();
    show(line, line.price, line.label);
  };
  const onContextMenu = (event: MouseEvent): void => {
    event.preventDefault();
    event.stopPropagation();
    const price = priceAt(yOf(event));
    if (price !== null) options.onPlace(price, event.shiftKey);
  };

  container.addEventListener('pointerdown', onPointerDown, true);
  container.addEventListener('pointermove', onPointerMove, true);
  container.addEventListener('pointerup', onPointerUp, true);
  container.addEventListener('contextmenu', onContextMenu, true);
  window.addEventListener('keydown', onKeyDown);
  return () => {
    container.removeEventListener('pointerdown', onPointerDown, true);
    container.removeEventListener('pointermove', onPointerMove, true);
    container.removeEventListener('pointerup', onPointerUp, true);
    container.removeEventListener('contextmenu', onContextMenu, true);
    window.removeEventListener('keydown', onKeyDown);
  };
}
