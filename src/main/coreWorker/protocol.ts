import type { MessagePort } from 'node:worker_threads';
import type { SystemStatus } from '../../shared/api/views';
import type { CoreCall, CoreStreamMessage, CoreStreamName } from './coreApi';

/**
 * The thread messages between main and the core worker. The API itself crosses generically: `call`
 * carries any core method of the contract, `stream` any core subscription's event (see coreApi.ts).
 * What remains here is internal to the workstation and never seen by a window.
 */
export type CoreRequests = {
  attachLedger: { payload: { port: MessagePort }; result: void };
  /** A window's request, already validated by main; answers with the method's result. */
  call: { payload: CoreCall; result: unknown };
  /** The keys (e.g. symbols) some window subscribed to on a keyed stream; the core publishes only those. */
  setInterest: { payload: { stream: CoreStreamName; keys: string[] }; result: void };
  shutdown: { payload: Record<string, never>; result: void };
};

/** Events the core worker publishes to main (already conflated where the stream is a state). */
export type CoreEvents = {
  /** An event of one of the core's subscriptions, for main's fan-out to the subscribed windows. */
  stream: CoreStreamMessage;
  /** Parts of `system.onStatus`, which main composes with the workers' status. */
  feed: SystemStatus['feed'];
  reconciliation: NonNullable<SystemStatus['reconciliation']>;
  /** Each real-broker connection's state (market data, orders, REST queues). */
  connections: NonNullable<SystemStatus['connections']>;
  /**
   * The live desk could not start once the feed came up (a bad setting such as engine.underlying):
   * a start-up fault that arrived after the host began serving, so the host stops with this message.
   */
  startupFailed: { message: string };
};
