import type { Instrument } from '../../../shared/domain/instrument';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { TimestampUs } from '../../../shared/domain/time';
import type { QueueState } from '../rest/requestQueue';
import type { BackoffPolicy } from '../stream/backoff';
import type { StreamConnection, StreamProtocol, StreamStatus } from '../stream/streamConnection';
import { openStream } from '../stream/streamConnection';
import type { BrokerCapabilities } from './orderGateway';
import type { RealBrokerState, ReconciliationSnapshot } from './realBroker';
import { RealBroker } from './realBroker';
import type { Venue, VenueOrder } from './venue';

/**
 * What every real broker adapter is made of, built once: a `RealBroker` on the broker's `Venue`, the
 * broker's order-update stream (each authentication reconciles with the order book and positions, so
 * whatever happened while it was down is applied before trading resumes), and order-book polling
 * while that stream is down. OpenAlgo and Alpaca differ only in the venue and the stream's session.
 */
export interface BrokerAdapterOptions {
  readonly onEvent: (event: OrderEvent) => void;
  readonly nowUs?: () => TimestampUs;
  readonly backoff?: BackoffPolicy;
  readonly stallAfterMs?: number;
  readonly pollIntervalMs?: number;
  readonly unknownOutcomeChecksMs?: readonly number[];
  readonly onStreamStatus?: (status: StreamStatus) => void;
  readonly onQueue?: (state: QueueState) => void;
  readonly onState?: (state: RealBrokerState, detail: string) => void;
  readonly onReconciled?: (snapshot: ReconciliationSnapshot) => void;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** The adapter's hooks into its order stream's session. */
export interface OrderStreamHooks {
  /** An order update from the stream. */
  apply(row: VenueOrder): void;
  /** The stream is (re)authenticated and listening: read the broker's orders and positions now. */
  reconcile(): void;
}

export interface BrokerAdapterSpec {
  readonly venue: Venue;
  readonly capabilities: BrokerCapabilities;
  readonly instruments: (symbol: string) => Instrument | undefined;
  readonly explainReject: (message: string) => string;
  readonly orderStream: {
    readonly name: string;
    readonly url: string;
    readonly session: (hooks: OrderStreamHooks) => StreamProtocol;
  };
  /** Order-book polling interval while the order stream is down (the broker's rate limit decides). */
  readonly defaultPollIntervalMs: number;
  /** Releases the REST client. */
  readonly closeRest: () => void;
}

export interface BrokerAdapter {
  readonly broker: RealBroker;
  readonly orderStream: StreamConnection;
  close(): Promise<void>;
}

export function startBrokerAdapter(spec: BrokerAdapterSpec, options: BrokerAdapterOptions): BrokerAdapter {
  const venueName = spec.venue.name;
  const broker = new RealBroker({
    venue: spec.venue,
    capabilities: spec.capabilities,
    instruments: spec.instruments,
    onEvent: options.onEvent,
    nowUs: options.nowUs ?? (() => (Date.now() * 1000) as TimestampUs),
    explainReject: spec.explainReject,
    ...(options.unknownOutcomeChecksMs ? { unknownOutcomeChecksMs: options.unknownOutcomeChecksMs } : {}),
    ...(options.onState ? { onState: options.onState } : {}),
    ...(options.onReconciled ? { onReconciled: options.onReconciled } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const orderStream = openStream({
    name: spec.orderStream.name,
    url: spec.orderStream.url,
    protocol: spec.orderStream.session({
      apply: (row) => broker.apply(row),
      reconcile: () =>
        void broker
          .reconcile()
          .catch((error: Error) =>
            options.log?.('error', `${venueName} reconciliation failed: ${error.message}`),
          ),
    }),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.stallAfterMs ? { stallAfterMs: options.stallAfterMs } : {}),
    ...(options.onStreamStatus ? { onStatus: options.onStreamStatus } : {}),
  });
  const stopPolling = broker.pollWhileStreamDown(
    () => orderStream.status.state === 'live',
    options.pollIntervalMs ?? spec.defaultPollIntervalMs,
  );
  return {
    broker,
    orderStream,
    async close() {
      stopPolling();
      spec.closeRest();
      await orderStream.close();
    },
  };
}
