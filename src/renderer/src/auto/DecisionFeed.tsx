import { Fragment, useState } from 'react';
import type { DecisionView } from '../../../shared/api/views';
import { useWorkstation } from '../store';
import { useAuto } from './autoStore';
import { marketTime } from './autoFormat';
import { DecisionRecord } from './DecisionRecord';

const OUTCOME_FILTERS = ['all', 'blocked', 'shadow', 'placed', 'exits'] as const;
type OutcomeFilter = (typeof OUTCOME_FILTERS)[number];

function matches(decision: DecisionView, filter: OutcomeFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'exits') return decision.kind === 'exit';
  return decision.kind === 'entry' && decision.outcome === filter;
}

/** What came of a decision: the blocking gate(s), or the order it placed, or the exit rule. */
function result(decision: DecisionView): string {
  if (decision.kind === 'exit') return `exit ${decision.exitRule ?? ''} ${decision.symbol ?? ''}`.trim();
  if (decision.blockedBy.length > 0) return decision.blockedBy.join(', ');
  return decision.symbol ? `${decision.outcome} ${decision.symbol}` : decision.outcome;
}

/** The engine's decisions, newest first: signal, score, the blocking gate or the order; expandable. */
export function DecisionFeed(): React.JSX.Element {
  const decisions = useAuto((state) => state.decisions);
  const currency = useWorkstation((state) => state.engine?.currency);
  const [filter, setFilter] = useState<OutcomeFilter>('all');
  const [open, setOpen] = useState<string | null>(null);
  const shown = decisions.filter((decision) => matches(decision, filter)).slice(0, 120);
  return (
    <section className="auto-feed" aria-label="Decision feed">
      <h2>
        Decisions <span className="muted">{decisions.length}</span>
        <label className="feed-filter">
          <span className="muted">outcome</span>
          <select
            aria-label="Filter by outcome"
            value={filter}
            onChange={(event) => setFilter(event.target.value as OutcomeFilter)}
          >
            {OUTCOME_FILTERS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
      </h2>
      <table className="grid compact" data-testid="auto-decisions">
        <thead>
          <tr>
            <th>Time</th>
            <th>Kind</th>
            <th>Signal</th>
            <th className="number">Score</th>
            <th>Outcome</th>
            <th>Blocked by · order</th>
            <th aria-label="Expand" />
          </tr>
        </thead>
        <tbody>
          {shown.map((decision) => (
            <Fragment key={decision.decisionId}>
              <tr className={`outcome-${decision.outcome}`} data-testid="auto-decision-row">
                <td className="number">{marketTime(decision.tsEvent, currency)}</td>
                <td>{decision.kind}</td>
                <td>{decision.signal ?? '—'}</td>
                <td className="number">{decision.score.toFixed(1)}</td>
                <td className="outcome">{decision.outcome}</td>
                <td className="result" data-testid="auto-decision-result" title={result(decision)}>
                  {result(decision)}
                </td>
                <td>
                  <button
                    type="button"
                    aria-expanded={open === decision.decisionId}
                    aria-label={`Full record of ${decision.decisionId}`}
                    onClick={() => setOpen(open === decision.decisionId ? null : decision.decisionId)}
                  >
                    {open === decision.decisionId ? '▾' : '▸'}
                  </button>
                </td>
              </tr>
              {open === decision.decisionId && (
                <tr className="record-row">
                  <td colSpan={7}>
                    <DecisionRecord decision={decision} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                no decisions yet: the engine decides once its indicators are warm and a signal fires
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
