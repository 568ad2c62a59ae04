import { canonicalJson } from './canonicalJson';
import { toCsv } from './csv';
import { loadFills } from './fills';
import type { LedgerCore } from './ledgerCore';
import { requireLatestSchema, requireWritable } from './ledgerCore';
import { tableCsv } from './ledgerRows';
import type { CsvExportKind, LedgerStats, StatsFilter } from './ledgerTypes';
import type { DecisionAttributes, Trade } from './tradeAnalytics';
import { buildTrades, currencyReports, gateBreakdown, marketDay, parseGateVerdicts } from './tradeAnalytics';

/** Reports read from the ledger: round-trip trades, stats, CSV exports and the daily performance table. */

/** Round-trip trades built from every fill (positions carry across days), then filtered. */
export function loadTrades(core: LedgerCore, filter: StatsFilter = {}): Trade[] {
  requireLatestSchema(core);
  const fills = loadFills(core);
  const { closed } = buildTrades(fills, decisionAttributes(core));
  return closed.filter(
    (trade) =>
      (filter.day === undefined || trade.day === filter.day) &&
      (filter.sessionId === undefined || trade.sessionId === filter.sessionId),
  );
}

export function ledgerStats(core: LedgerCore, filter: StatsFilter = {}): LedgerStats {
  requireLatestSchema(core);
  const fills = loadFills(core);
  const built = buildTrades(fills, decisionAttributes(core));
  const trades = built.closed.filter(
    (trade) =>
      (filter.day === undefined || trade.day === filter.day) &&
      (filter.sessionId === undefined || trade.sessionId === filter.sessionId),
  );
  const dayCurrency = fills[0]?.currency ?? 'XXX';
  const decisions = (
    core.db
      .prepare('SELECT decision_id, ts_event_us, session_id, gates_json FROM decisions ORDER BY seq')
      .all() as Array<{
      decision_id: string | null;
      ts_event_us: number;
      session_id: string | null;
      gates_json: string;
    }>
  )
    .filter(
      (row) =>
        (filter.day === undefined || marketDay(dayCurrency, row.ts_event_us) === filter.day) &&
        (filter.sessionId === undefined || row.session_id === filter.sessionId),
    )
    .map((row) => ({ decisionId: row.decision_id, gates: parseGateVerdicts(safeParse(row.gates_json)) }));
  return {
    filter,
    fills: fills.length,
    openTrades: built.open,
    currencies: currencyReports(trades),
    gates: gateBreakdown(decisions, trades),
  };
}

export function exportCsv(core: LedgerCore, kind: CsvExportKind, filter: StatsFilter = {}): string {
  switch (kind) {
    case 'trades': {
      const columns = [
        'tradeId',
        'symbol',
        'source',
        'currency',
        'direction',
        'sessionId',
        'entryTsUs',
        'exitTsUs',
        'day',
        'quantity',
        'entryNotional',
        'grossPnl',
        'charges',
        'netPnl',
        'returnOnNotional',
        'decisionId',
        'signal',
        'regime',
        'fills',
      ];
      return toCsv(columns, loadTrades(core, filter) as unknown as Array<Record<string, unknown>>);
    }
    case 'fills':
      return tableCsv(core.db, 'SELECT * FROM fills ORDER BY seq', onMarketDay(core, filter, 'ts_event_us'));
    case 'orders':
      return tableCsv(
        core.db,
        'SELECT * FROM orders ORDER BY created_us, order_id',
        onMarketDay(core, filter, 'created_us'),
      );
    case 'decisions':
      return tableCsv(
        core.db,
        'SELECT * FROM decisions ORDER BY seq',
        onMarketDay(core, filter, 'ts_event_us'),
      );
    case 'audit':
      return tableCsv(core.db, 'SELECT * FROM audit_log ORDER BY seq', onMarketDay(core, filter, 'ts_us'));
  }
}

/**
 * Row filter for `--day` on a table export: the row's time column falls on that market day, in the
 * time zone of the row's currency (fills) or of the ledger's first fill (the market it trades).
 */
function onMarketDay(
  core: LedgerCore,
  filter: StatsFilter,
  timeColumn: string,
): ((row: Record<string, unknown>) => boolean) | undefined {
  const day = filter.day;
  if (day === undefined) return undefined;
  const first = core.db.prepare('SELECT currency FROM fills ORDER BY seq LIMIT 1').get() as
    { currency: string } | undefined;
  const ledgerCurrency = first?.currency ?? 'XXX';
  return (row) =>
    marketDay(typeof row.currency === 'string' ? row.currency : ledgerCurrency, Number(row[timeColumn])) ===
    day;
}

export function decisionAttributes(core: LedgerCore): Map<string, DecisionAttributes> {
  const rows = core.db
    .prepare(
      `SELECT decision_id, signal, regime FROM decisions
       WHERE decision_id IN (SELECT DISTINCT decision_id FROM fills WHERE decision_id IS NOT NULL) ORDER BY seq`,
    )
    .all() as Array<{ decision_id: string; signal: string | null; regime: string | null }>;
  const map = new Map<string, DecisionAttributes>();
  for (const row of rows)
    if (!map.has(row.decision_id)) map.set(row.decision_id, { signal: row.signal, regime: row.regime });
  return map;
}

/** Stores the day's figures per currency and source ('all' plus each source) in daily_performance. */
export function recordDailyPerformance(core: LedgerCore, day: string): number {
  requireWritable(core);
  const trades = loadTrades(core, { day });
  const now = Math.trunc(core.now());
  let rows = 0;
  core.db
    .transaction(() => {
      for (const report of currencyReports(trades)) {
        const groups: Array<[string, (typeof report)['overall']]> = [
          ['all', report.overall],
          ...Object.entries(report.bySource),
        ];
        for (const [source, stats] of groups) {
          core.db
            .prepare(
              `INSERT INTO daily_performance (day, currency, source, trades, wins, losses, gross_pnl, charges, net_pnl,
                 max_drawdown, stats_json, computed_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (day, currency, source) DO UPDATE SET trades = excluded.trades, wins = excluded.wins,
                 losses = excluded.losses, gross_pnl = excluded.gross_pnl, charges = excluded.charges,
                 net_pnl = excluded.net_pnl, max_drawdown = excluded.max_drawdown, stats_json = excluded.stats_json,
                 computed_us = excluded.computed_us`,
            )
            .run(
              day,
              report.currency,
              source,
              stats.trades,
              stats.wins,
              stats.losses,
              stats.grossPnl,
              stats.charges,
              stats.netPnl,
              stats.maxDrawdown,
              canonicalJson(stats),
              now,
            );
          rows++;
        }
      }
    })
    .immediate();
  return rows;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
