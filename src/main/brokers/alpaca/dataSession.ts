import { decode, encode } from '@msgpack/msgpack';
import type { StreamLink, StreamProtocol } from '../stream/streamConnection';

/**
 * Alpaca's market data stream protocol (docs.alpaca.markets "Real-time Stock Data" / "Real-time
 * Option Data"): on connect `[{"T":"success","msg":"connected"}]`; the client sends
 * `{"action":"auth","key":…,"secret":…}` and gets `[{"T":"success","msg":"authenticated"}]`; every
 * server frame is an array of messages tagged `T`. Stocks speak JSON; options speak MessagePack only.
 */

export type AlpacaEncoding = 'json' | 'msgpack';

export interface AlpacaStreamError {
  readonly code: number;
  readonly message: string;
}

/**
 * Error codes: 402 auth failed and 409 insufficient subscription cannot be fixed by retrying; 406
 * connection limit exceeded, 407 slow client, 401 not authenticated, 404 auth timeout and 500 are
 * worth a fresh connection; 405 symbol limit, 410 invalid subscribe action, 412/413 options-only
 * rules (MsgPack only, no wildcard quotes) and 400 invalid syntax concern one request and are reported.
 */
const FATAL = new Set([402, 409]);
const RECONNECT = new Set([401, 404, 406, 407, 500]);

export const ALPACA_STREAM_ERRORS: Readonly<Record<number, string>> = {
  400: 'invalid syntax',
  401: 'not authenticated',
  402: 'auth failed',
  403: 'already authenticated',
  404: 'auth timeout',
  405: 'symbol limit exceeded',
  406: 'connection limit exceeded',
  407: 'slow client',
  409: 'insufficient subscription',
  410: 'invalid subscribe action for this feed',
  412: 'option messages are only available in MsgPack format',
  413: 'star subscription is not allowed for option quotes',
  500: 'internal error',
};

export interface AlpacaDataHandlers {
  onAuthenticated(link: StreamLink): void;
  onMessage(message: Record<string, unknown>): void;
  onError(error: AlpacaStreamError): void;
}

export function encodeAlpaca(encoding: AlpacaEncoding, message: object): string | Uint8Array {
  return encoding === 'json' ? JSON.stringify(message) : encode(message);
}

export function decodeAlpacaFrame(data: Buffer, isBinary: boolean): unknown {
  return isBinary ? decode(data) : JSON.parse(data.toString('utf8'));
}

export function alpacaDataSession(
  credentials: { keyId: string; secretKey: string },
  encoding: AlpacaEncoding,
  handlers: AlpacaDataHandlers,
): StreamProtocol {
  return {
    onOpen() {
      // Alpaca greets first; authentication follows its "connected".
    },
    onFrame(data, isBinary, link) {
      let frame: unknown;
      try {
        frame = decodeAlpacaFrame(data, isBinary);
      } catch {
        handlers.onError({
          code: -1,
          message: `Alpaca sent a frame that cannot be decoded (${data.length} bytes)`,
        });
        return;
      }
      if (!Array.isArray(frame)) {
        handlers.onError({ code: -1, message: 'Alpaca sent a frame that is not a message array' });
        return;
      }
      for (const item of frame) {
        if (typeof item !== 'object' || item === null) continue;
        const message = item as Record<string, unknown>;
        if (message.T === 'success' && message.msg === 'connected')
          link.send(
            encodeAlpaca(encoding, { action: 'auth', key: credentials.keyId, secret: credentials.secretKey }),
          );
        else if (message.T === 'success' && message.msg === 'authenticated') {
          link.markLive('authenticated');
          handlers.onAuthenticated(link);
        } else if (message.T === 'error') {
          const code = Number(message.code);
          const error = {
            code,
            message: `${code} ${String(message.msg ?? ALPACA_STREAM_ERRORS[code] ?? 'error')}`,
          };
          if (FATAL.has(code)) link.fail(`Alpaca refused the stream: ${error.message}`);
          else if (RECONNECT.has(code)) link.drop(`Alpaca: ${error.message}`);
          handlers.onError(error);
        } else handlers.onMessage(message);
      }
    },
  };
}
