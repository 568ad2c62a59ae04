import type { HistogramBinView } from '../../../shared/api/analyticsViews';

/** A distribution as horizontal bars: each bin's range and count, the bar's length to scale. */
export function Histogram({
  title,
  bins,
  label,
  testId,
}: {
  readonly title: string;
  readonly bins: readonly HistogramBinView[];
  readonly label: (value: number) => string;
  readonly testId: string;
}): React.JSX.Element {
  const most = Math.max(1, ...bins.map((bin) => bin.count));
  return (
    <section className="histogram" aria-label={title}>
      <h2>{title}</h2>
      <table className="grid compact" data-testid={testId}>
        <tbody>
          {bins.map((bin) => (
            <tr
              key={`${bin.from}-${bin.to}`}
              className={bin.to <= 0 && bin.from < 0 ? 'negative' : undefined}
            >
              <td className="number range">
                {label(bin.from)} … {label(bin.to)}
              </td>
              <td className="bar-cell">
                <span className="bar" style={{ width: `${(bin.count / most) * 100}%` }} />
              </td>
              <td className="number">{bin.count}</td>
            </tr>
          ))}
          {bins.length === 0 && (
            <tr>
              <td className="muted">no trades</td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
