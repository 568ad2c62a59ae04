/** A worker that answers no requests. */
export type NoRequests = Record<string, never>;

/** Passed to every worker as workerData. */
export interface WorkerBootData {
  readonly dataDir: string;
  readonly settings: unknown;
  /** ws:// URL of the market data feed the core connects to (the built-in exchange by default). */
  readonly feedUrl?: string;
  /** Int32Array over a SharedArrayBuffer: non-zero pulls the engine's kill switch from any thread. */
  readonly killFlag?: Int32Array;
}
