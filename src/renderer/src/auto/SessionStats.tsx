import { useEffect, useState } from 'react';
import type { PerformanceMetrics } from '../../../shared/analytics/performance';
import { localDate } from '../../../shared/domain/instruments/timeZones';
import { formatMoney } from '../format';
import { getApi, useWorkstation } from '../store';
import { useAuto } from './autoStore';
import { zoneOf } from './autoFormat';

function Figure({
  label,
  value,
  testId,
  tone,
}: {
  readonly label: string;
  readonly value: string;
  readonly testId: string;
  readonly tone?: 'profit' | 'loss' | '';
}): React.JSX.Element {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd className={tone ?? ''} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/**
 * The engine's day: P&L and drawdown from the day's peak, trades and what the gates still allow. Win
 * rate is the ledger's (today's auto trades through the one metrics module), refreshed as trades close.
 */
export function SessionStats(): React.JSX.Element {
  const panel = useAuto((state) => state.panel);
  const engine = useWorkstation((state) => state.engine);
  const [today, setToday] = useState<PerformanceMetrics | null>(null);
  const session = panel?.session;
  const day = panel && panel.nowUs > 0 ? localDate(zoneOf(session?.currency), panel.nowUs) : null;
  const closedMarker = `${day}:${session?.tradesToday}:${panel?.positions.length}`;
  useEffect(() => {
    if (!day) return;
    getApi()
      .analytics.getReport({ from: day, to: day, source: 'auto' })
      .then(
        (report) => setToday(report.overall),
        () => setToday(null),
      );
  }, [closedMarker, day]);
  const tone = (value: number): 'profit' | 'loss' | '' => (value > 0 ? 'profit' : value < 0 ? 'loss' : '');
  return (
    <section className="auto-session" aria-label="Session stats">
      <h2>Session {day && <span className="muted">{day}</span>}</h2>
      <dl className="figures">
        <Figure
          label="Day P&L"
          testId="auto-day-pnl"
          value={formatMoney(session?.dayPnl ?? null)}
          tone={tone(session?.dayPnl ?? 0)}
        />
        <Figure
          label="From peak"
          testId="auto-drawdown"
          value={formatMoney(session ? -session.drawdownFromPeak : null)}
          tone={session && session.drawdownFromPeak > 0 ? 'loss' : ''}
        />
        <Figure label="Trades" testId="auto-trades" value={String(session?.tradesToday ?? '—')} />
        <Figure
          label="Left"
          testId="auto-trades-left"
          value={session?.tradesLeft === null || !session ? '∞' : String(session.tradesLeft)}
        />
        <Figure
          label="Win rate"
          testId="auto-win-rate"
          value={today?.winRate == null ? '—' : `${(today.winRate * 100).toFixed(1)}%`}
        />
        <Figure label="Closed" testId="auto-closed" value={String(today?.trades ?? 0)} />
        <Figure
          label="Loss streak"
          testId="auto-loss-streak"
          value={
            session
              ? `${session.consecutiveLosses}${session.maxConsecutiveLosses === null ? '' : `/${session.maxConsecutiveLosses}`}`
              : '—'
          }
          tone={session && session.consecutiveLosses > 0 ? 'loss' : ''}
        />
        <Figure label="Working" testId="auto-working" value={String(engine?.workingOrders ?? 0)} />
      </dl>
      <dl className="figures budget" aria-label="Regime budget left">
        {Object.entries(session?.regimeBudgetLeft ?? {}).map(([regime, left]) => (
          <Figure
            key={regime}
            label={regime}
            testId={`auto-budget-${regime}`}
            value={left === null ? '∞' : String(left)}
          />
        ))}
      </dl>
      {session?.dayLockedReason && (
        <p className="auto-refusal" role="status">
          day locked: {session.dayLockedReason}
        </p>
      )}
    </section>
  );
}
