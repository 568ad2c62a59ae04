import { useMemo } from 'react';
import type { BookLevel } from '../../../shared/domain/marketEvents';
import { formatUnits } from '../format';

/**
 * Best-5 offers above best-5 bids, sizes on their own side: the ladder body shared by the live ladder
 * and the replay window. `testIdPrefix` keeps each window's test ids apart ('' live, 'replay-').
 */
export function DepthTable({
  bids,
  asks,
  decimals,
  emptyText,
  testId,
  testIdPrefix = '',
}: {
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  readonly decimals: number;
  readonly emptyText: string;
  readonly testId: string;
  readonly testIdPrefix?: string;
}): React.JSX.Element {
  const rows = useMemo(
    () => [
      ...[...asks].reverse().map((level) => ({ side: 'ask' as const, ...level })),
      ...bids.map((level) => ({ side: 'bid' as const, ...level })),
    ],
    [bids, asks],
  );
  return (
    <table className="ladder" data-testid={testId}>
      <thead>
        <tr>
          <th>Bid size</th>
          <th>Price</th>
          <th>Ask size</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr
            key={`${row.side}-${index}`}
            className={row.side}
            data-testid={`${testIdPrefix}${row.side}-row`}
          >
            <td className="size">{row.side === 'bid' ? row.size : ''}</td>
            <td className="price" data-testid={`${testIdPrefix}${row.side}-price`}>
              {formatUnits(row.price, decimals)}
            </td>
            <td className="size">{row.side === 'ask' ? row.size : ''}</td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">
              {emptyText}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
