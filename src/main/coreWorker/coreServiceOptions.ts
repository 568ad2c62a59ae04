import type { PublishStream } from './coreApi';
import type { SessionHistory } from './liveCandles';
import type { DeskBroker } from './deskBroker';
import type { BrokerFactory } from '../trading/broker/broker';
import type { Instrument, MarketProfile } from '../../shared/domain/instrument';
import type { Order } from '../../shared/domain/orders';
import type { RecordedEvent } from '../../shared/recording/events';
import type { JournalRow } from '../ledger/journal';
import type { OrderWrite, OrderWriteOutcome } from '../ledger/orderWrites';
import type { ReconciliationReport } from '../ledger/reconciliation';
import type { BrokerWorkingOrder } from '../ledger/workingOrderReconciliation';
import type { BuiltInPresetName, VersionedPreset } from '../trading/engine/config/presets';
import type { EngineMode } from '../trading/engine/types';
import type { PositionState } from '../trading/oms/positions';

/** What the core needs from the ledger worker; each call resolves only once the rows are durable. */
export interface CoreLedger {
  /** The OMS's writes queued together, in one durable transaction; per write null or why it was refused. */
  recordOrderWrites(writes: OrderWrite[]): Promise<OrderWriteOutcome[]>;
  loadPositionStates(): Promise<PositionState[]>;
  reconcile(
    brokerPositions: Array<{ symbol: string; quantity: number }>,
    brokerWorkingOrders: BrokerWorkingOrder[],
  ): Promise<ReconciliationReport>;
  /** Orders the ledger holds in a working status: restored to the OMS and the broker at start-up. */
  loadWorkingOrders(): Promise<Order[]>;
  resolveReconciliation(resolution: { actor: string; note: string }): Promise<number>;
  journal(rows: JournalRow[]): Promise<void>;
  /** Resolves when the ledger is attached (again). */
  ready(): Promise<void>;
}

export interface CoreOutputs {
  /**
   * An event on one of the core's API subscriptions (keyed by the contract's wire name, e.g.
   * `orders.onOrder`). Orders, fills and groups are published only once durable in the ledger.
   */
  publish: PublishStream;
  reconciliation(report: { ok: boolean; detail: string }): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export interface CoreServiceOptions {
  readonly instruments: readonly Instrument[];
  readonly profile: MarketProfile;
  readonly ledger: CoreLedger;
  readonly outputs: CoreOutputs;
  readonly engine: {
    readonly mode: EngineMode;
    readonly preset: BuiltInPresetName;
    /** The version to run (the newest saved edit of `preset`); the built-in version when absent. */
    readonly presetVersion?: VersionedPreset;
    readonly underlying: string;
  };
  /** What the paper broker can hold; with less, the OMS emulates brackets/OCO/stops in the core. */
  readonly brokerCapabilities?: 'full' | 'alpaca-options';
  /** The desk's broker; the built-in paper broker (with `brokerCapabilities`) when absent. */
  readonly broker?: BrokerFactory<DeskBroker>;
  /** The real broker's name (OpenAlgo, Alpaca) when `broker` is one; absent for the paper broker. */
  readonly brokerName?: string;
  /** Shared with main so the kill switch stops the engine even mid-decision. */
  readonly killFlag?: Int32Array;
  /** Records every event the desk sees (market data, options context) for replay. */
  readonly record?: (event: RecordedEvent) => void;
  /**
   * The session so far for a symbol a chart opens on (market events up to `nowUs`, oldest first):
   * the day's recording. Without it, bars start when a symbol is first charted.
   */
  readonly sessionHistory?: (symbol: string, nowUs: number) => SessionHistory;
  /** Id namespace: unique per core start, so ids never repeat across restarts. */
  readonly idNamespace: string;
}
