import type { AnalyticsReportView } from '../../../shared/api/analyticsViews';
import type { AnalyticsFilter } from './csvDownload';

type ChoiceKey = 'symbol' | 'side' | 'source' | 'signal' | 'exitRule' | 'regime' | 'currency';

/** The trade filters: dates, then one picker per attribute, each listing what the ledger holds. */
export function AnalyticsFilters({
  filter,
  report,
  onChange,
  onRefresh,
}: {
  readonly filter: AnalyticsFilter;
  readonly report: AnalyticsReportView | null;
  readonly onChange: (filter: AnalyticsFilter) => void;
  readonly onRefresh: () => void;
}): React.JSX.Element {
  const set = (key: keyof AnalyticsFilter, value: string): void => {
    const next: Record<string, string | undefined> = { ...filter };
    next[key] = value === '' ? undefined : value;
    onChange(next as AnalyticsFilter);
  };
  const pickers: ReadonlyArray<{
    readonly key: ChoiceKey;
    readonly label: string;
    readonly options: readonly string[];
  }> = [
    { key: 'symbol', label: 'Symbol', options: report?.choices.symbols ?? [] },
    { key: 'side', label: 'Side', options: ['long', 'short'] },
    { key: 'source', label: 'Manual / auto', options: ['manual', 'auto', 'replay'] },
    { key: 'signal', label: 'Signal', options: report?.choices.signals ?? [] },
    { key: 'exitRule', label: 'Exit rule', options: report?.choices.exitRules ?? [] },
    { key: 'regime', label: 'Regime', options: report?.choices.regimes ?? [] },
    { key: 'currency', label: 'Currency', options: report?.currencies ?? [] },
  ];
  return (
    <div className="toolbar wrap analytics-filters" role="group" aria-label="Filters">
      <label>
        <span className="muted">from</span>
        <input
          type="date"
          aria-label="From day"
          value={filter.from ?? ''}
          onChange={(event) => set('from', event.target.value)}
        />
      </label>
      <label>
        <span className="muted">to</span>
        <input
          type="date"
          aria-label="To day"
          value={filter.to ?? ''}
          onChange={(event) => set('to', event.target.value)}
        />
      </label>
      {pickers.map((picker) => (
        <select
          key={picker.key}
          aria-label={picker.label}
          value={(filter[picker.key] as string | undefined) ?? ''}
          onChange={(event) => set(picker.key, event.target.value)}
        >
          <option value="">{picker.label}: all</option>
          {picker.options.map((option) => (
            <option key={option} value={option}>
              {picker.label}: {option}
            </option>
          ))}
        </select>
      ))}
      <button type="button" onClick={() => onChange({})}>
        Clear
      </button>
      <button type="button" onClick={onRefresh} aria-label="Reload from the ledger">
        ↻ Reload
      </button>
    </div>
  );
}
