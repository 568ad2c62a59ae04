/**
 * One broker connection as every status bar shows it: each market-data stream, the order stream and
 * the REST order lane of a real broker, by name.
 */
export interface ConnectionStatusView {
  /** e.g. "openalgo market data", "alpaca options", "openalgo orders", "openalgo orders REST". */
  readonly name: string;
  readonly state: 'live' | 'stale' | 'reconnecting' | 'connecting' | 'failed' | 'closed';
  readonly detail: string;
  /** REST requests waiting for a rate-limit slot: back-pressure, not errors (REST lanes only). */
  readonly queued?: number;
}
