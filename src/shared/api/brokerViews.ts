/** The Broker settings window's view: what is configured and where the keys come from — never the keys. */
export interface BrokerSettingsView {
  readonly kind: 'paper' | 'openalgo' | 'alpaca';
  readonly orders: 'broker' | 'paper';
  readonly host: string;
  readonly wsUrl: string;
  readonly paper: boolean;
  /** desktop: keys can be entered here (kept in the OS keychain); headless: environment or key file only. */
  readonly mode: 'desktop' | 'headless';
  /** Whether the configured broker's keys were found, and where (or what is missing). */
  readonly keys: { readonly found: boolean; readonly detail: string };
  /** A change saved here applies when the workstation starts again. */
  readonly restartNeeded: boolean;
}

/** One line of "Test connection": authentication, market data or order entry. */
export interface ConnectionCheckView {
  readonly name: 'auth' | 'data' | 'orders';
  readonly ok: boolean;
  readonly detail: string;
}
