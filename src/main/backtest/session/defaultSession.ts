import { createEngineSessionFactory } from './engineSession';
import type { ReplaySessionFactory } from './replaySession';

/** The engine or paper broker this build would replay through is not there. */
export class SessionUnavailableError extends Error {
  override name = 'SessionUnavailableError';
}

/**
 * The session a replay trades with by default: the scalping engine in paper mode with the order
 * manager and the paper broker, on a separate replay account (orders with source 'replay').
 */
export function defaultSessionFactory(): ReplaySessionFactory {
  return createEngineSessionFactory();
}
