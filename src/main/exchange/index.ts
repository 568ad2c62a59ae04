/** The built-in simulated exchange (issue 3): simulation core, WebSocket server and protocol. */
export type { ExchangeConfig } from './config';
export { ExchangeConfigError } from './config';
export type { ExchangeServer, ExchangeServerOptions } from './server';
export { startExchangeServer } from './server';
export { createExchangeSimulation, ExchangeSimulation } from './simulation';
export type { ClientMessage, ServerMessage, SubscriptionMode } from './protocol';
export { EXCHANGE_PROTOCOL_VERSION } from './protocol';
export { loadMarketProfile } from '../trading/reference/marketProfiles';
