import type { StreamLink, StreamProtocol } from '../stream/streamConnection';

/**
 * The OpenAlgo WebSocket session (docs/api/websocket-streaming, websocket_proxy/server.py of
 * marketcalls/openalgo): the first message is `{"action":"authenticate","api_key":…}`, answered by
 * `{"type":"auth","status":"success",…}`; errors arrive as `{"status":"error","code":…,"message":…}`.
 * After a reconnect the proxy keeps nothing: the client authenticates and subscribes again.
 */

export interface OpenAlgoError {
  readonly code: string;
  readonly message: string;
}

/** Codes that mean the key is wrong: retrying with the same key cannot succeed. */
const CREDENTIAL_ERRORS = new Set(['INVALID_API_KEY', 'AUTHENTICATION_ERROR']);

export interface OpenAlgoSessionHandlers {
  /** Authenticated: (re)send every subscription. */
  onAuthenticated(link: StreamLink): void;
  onMessage(message: Record<string, unknown>, link: StreamLink): void;
  onError(error: OpenAlgoError): void;
}

export function openAlgoSession(apiKey: string, handlers: OpenAlgoSessionHandlers): StreamProtocol {
  return {
    onOpen(link) {
      link.send(JSON.stringify({ action: 'authenticate', api_key: apiKey }));
    },
    onFrame(data, isBinary, link) {
      let message: unknown;
      try {
        message = isBinary ? undefined : JSON.parse(data.toString('utf8'));
      } catch {
        message = undefined;
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        handlers.onError({
          code: 'MALFORMED',
          message: `OpenAlgo sent a frame that is not a JSON object: ${data.toString('utf8').slice(0, 120)}`,
        });
        return;
      }
      const record = message as Record<string, unknown>;
      if (record.type === 'auth') {
        if (record.status === 'success')
          link.markLive(`authenticated (broker ${String(record.broker ?? 'unknown')})`);
        else link.fail(`authentication refused: ${String(record.message ?? 'no reason given')}`);
        if (record.status === 'success') handlers.onAuthenticated(link);
        return;
      }
      if (record.status === 'error' && record.type === undefined) {
        const error = { code: String(record.code ?? 'UNKNOWN'), message: String(record.message ?? '') };
        if (CREDENTIAL_ERRORS.has(error.code))
          link.fail(`the OpenAlgo API key was refused (${error.code}: ${error.message})`);
        // The proxy forgot us (it restarted): authenticate again on a fresh connection.
        else if (error.code === 'NOT_AUTHENTICATED')
          link.drop('OpenAlgo says the session is not authenticated');
        handlers.onError(error);
        return;
      }
      handlers.onMessage(record, link);
    },
  };
}
