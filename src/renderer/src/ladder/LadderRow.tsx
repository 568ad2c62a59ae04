import { memo } from 'react';
import type { LadderMark } from './ladderMarks';

/** Everything one row shows, as primitives and one marks list: an unchanged row does not re-render. */
export interface LadderRowProps {
  readonly index: number;
  readonly priceText: string;
  readonly bidSize: number | undefined;
  readonly askSize: number | undefined;
  readonly volumeAtBid: number;
  readonly volumeAtAsk: number;
  /** 0–1 of the busiest price's volume, for the bar. */
  readonly volumeShare: number;
  readonly isBestBid: boolean;
  readonly isBestAsk: boolean;
  readonly isLast: boolean;
  readonly lastAggressor: 'buy' | 'sell' | 'unknown' | null;
  readonly insideSpread: boolean;
  readonly buyMarks: readonly LadderMark[] | undefined;
  readonly sellMarks: readonly LadderMark[] | undefined;
  readonly isDropTarget: boolean;
}

function markLabel(mark: LadderMark): string {
  if (mark.kind === 'leg')
    return `${mark.role === 'takeProfit' ? 'TP' : mark.role === 'stopLoss' ? 'SL' : 'X'} ${mark.openQuantity}`;
  const type = mark.type === 'limit' ? 'L' : mark.type === 'stop' ? 'S' : 'SL';
  return `${mark.openQuantity}${type}${mark.source === 'manual' ? '' : '·A'}`;
}

function markKey(mark: LadderMark): string {
  return mark.kind === 'leg' ? `${mark.groupId}/${mark.legId}` : mark.orderId;
}

function Marks({
  marks,
  side,
}: {
  readonly marks: readonly LadderMark[] | undefined;
  readonly side: 'buy' | 'sell';
}): React.JSX.Element {
  return (
    <td className={`ladder-orders ${side}`} data-column={`${side}-orders`}>
      <div className="cell">
        {marks?.map((mark) => (
          <span
            key={markKey(mark)}
            className={`mark ${mark.kind} ${mark.movable ? 'movable' : ''}`}
            data-mark={markKey(mark)}
            data-testid="order-mark"
            role="button"
            tabIndex={-1}
            aria-label={`${mark.kind === 'leg' ? mark.role : mark.type} ${mark.side} ${mark.openQuantity}: drag to move, right-click or × to cancel`}
          >
            {markLabel(mark)}
            <span className="mark-cancel" data-cancel={markKey(mark)} aria-hidden="true">
              ×
            </span>
          </span>
        ))}
      </div>
    </td>
  );
}

/**
 * The volume-at-price bar as the cell's background (bid share then ask share of the busiest price's
 * volume): a new volume repaints the cell and never re-lays anything.
 */
function volumeBar(props: LadderRowProps): React.CSSProperties | undefined {
  const total = props.volumeAtBid + props.volumeAtAsk;
  if (total === 0) return undefined;
  const bidEnd = (props.volumeShare * 100 * props.volumeAtBid) / total;
  const askEnd = props.volumeShare * 100;
  return {
    backgroundImage: `linear-gradient(90deg, var(--bid-bg) 0 ${bidEnd}%, var(--bid) ${bidEnd}% calc(${bidEnd}% + 1px), var(--ask-bg) calc(${bidEnd}% + 1px) ${askEnd}%, transparent ${askEnd}%)`,
  };
}

/**
 * One price row: my buy orders | bid size | price | ask size | my sell orders | volume at price
 * (bid×ask). Each cell's content sits in a `.cell` box with strict containment, so a new size or
 * volume re-lays only that box, never the table. Clicks and drags are handled once on the table
 * (event delegation), not per cell.
 */
export const LadderRow = memo(function LadderRow(props: LadderRowProps): React.JSX.Element {
  const classes = ['ladder-row'];
  if (props.isBestBid) classes.push('best-bid');
  if (props.isBestAsk) classes.push('best-ask');
  if (props.insideSpread) classes.push('spread');
  if (props.isLast) classes.push('last-trade');
  if (props.isDropTarget) classes.push('drop-target');
  return (
    <tr className={classes.join(' ')} data-row={props.index} data-testid="ladder-row">
      <Marks marks={props.buyMarks} side="buy" />
      <td className="bid-size num" data-column="bid">
        <div className="cell">{props.bidSize ?? ''}</div>
      </td>
      <td className="price num" data-column="price" data-testid="row-price">
        <div className="cell">
          {props.isLast && (
            <span className="last-marker" aria-label="last trade">
              {props.lastAggressor === 'sell' ? '▼' : props.lastAggressor === 'buy' ? '▲' : '◆'}
            </span>
          )}
          {props.priceText}
        </div>
      </td>
      <td className="ask-size num" data-column="ask">
        <div className="cell">{props.askSize ?? ''}</div>
      </td>
      <Marks marks={props.sellMarks} side="sell" />
      <td className="volume num" data-column="volume" title="volume at price: on bid × on ask">
        <div className="cell" style={volumeBar(props)}>
          {props.volumeAtBid + props.volumeAtAsk > 0 ? `${props.volumeAtBid}×${props.volumeAtAsk}` : ''}
        </div>
      </td>
    </tr>
  );
});
