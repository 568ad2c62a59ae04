import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess } from '../support/serveProcess';
import type { ServeProcess } from '../support/serveProcess';
import {
  maskedFrame,
  sendFramesAfterUpgrade,
  sendRaw,
  stillServes,
  upgradeRequest,
} from '../support/rawHttp';

/** mulberry32: a small seeded PRNG, so every run sends the same inputs and a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const integer = (random: Random, max: number): number => Math.floor(random() * max);

/** Pieces a hostile or broken client puts where URLs, cookies and headers go. */
const NASTY = [
  '%',
  '%%',
  '%E0%A4%A',
  '%00',
  '%C0%AF',
  '%FF',
  '%2e%2e%2f',
  '../',
  '..\\',
  '//[',
  'http://[::1',
  '[',
  ']',
  '\u0000',
  '\u00ff',
  '\ud800',
  '%ZZ',
  '?',
  '#',
  ';',
  '=',
  '"',
  "'",
  '<script>',
  '\\',
  '%u002e',
  '~',
  '@',
  'http://',
  'file:///etc/passwd',
  '*',
  ' ',
  '\t',
  'é',
  '😀',
  'a'.repeat(300),
];
const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'CONNECT',
  'TRACE',
  'PATCH',
  'G ET',
  'get',
  '',
  '\u0000',
  'X'.repeat(40),
];
const VERSIONS = [
  'HTTP/1.1',
  'HTTP/1.0',
  'HTTP/2.0',
  'HTTP/1.',
  'HTTP/9.9',
  'HTTX/1.1',
  '',
  'HTTP/1.1 extra',
];

function nastyText(random: Random, pieces = 1 + integer(random, 4)): string {
  let text = '';
  for (let index = 0; index < pieces; index++)
    text += random() < 0.7 ? pick(random, NASTY) : String.fromCharCode(integer(random, 256));
  return text;
}

function randomBytes(random: Random, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => integer(random, 256)));
}

/** One malformed input of each kind; every builder returns what goes on the wire. */
function makeInputs(random: Random, origin: string, token: string): Array<() => Promise<unknown>> {
  const port = Number(new URL(origin).port);
  const host = new URL(origin).host;
  const send = (raw: string | Buffer): Promise<unknown> => sendRaw(port, [raw], { bound: 2000 });
  const withToken = (): string => (random() < 0.5 ? `token=${token}` : `token=${nastyText(random)}`);
  return [
    // Request lines.
    () =>
      send(
        `${pick(random, METHODS)} ${random() < 0.5 ? '/' : ''}${nastyText(random)} ${pick(random, VERSIONS)}\r\nHost: ${host}\r\n\r\n`,
      ),
    // Paths, with the real token half the time.
    () => send(`GET /${nastyText(random)}?${withToken()} HTTP/1.1\r\nHost: ${host}\r\n\r\n`),
    // Cookies.
    () =>
      send(
        `GET /${random() < 0.5 ? '' : nastyText(random)} HTTP/1.1\r\nHost: ${host}\r\nCookie: scalpdesk_token=${nastyText(random)}${random() < 0.3 ? `; scalpdesk_token=${token}` : ''}\r\n\r\n`,
      ),
    // Headers: odd names, values, duplicates, framing conflicts.
    () =>
      send(
        `GET /?token=${token} HTTP/1.1\r\nHost: ${random() < 0.3 ? nastyText(random) : host}\r\n` +
          `${pick(random, ['Origin', 'Sec-Fetch-Site', 'Content-Length', 'Transfer-Encoding', 'Upgrade', 'Connection', nastyText(random)])}: ${nastyText(random)}\r\n` +
          `${random() < 0.3 ? 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n' : ''}\r\n${random() < 0.5 ? nastyText(random) : ''}`,
      ),
    // Raw garbage instead of HTTP.
    () => send(randomBytes(random, 1 + integer(random, 200))),
    // WebSocket upgrades with broken cookies, targets, versions and keys.
    () =>
      send(
        pick(random, [
          upgradeRequest(origin, 'x', `Cookie: scalpdesk_token=${nastyText(random)}\r\n`).replace(
            '?token=x',
            '',
          ),
          upgradeRequest(origin, token).replace(
            'GET /api?',
            `GET ${pick(random, ['//[', '/%E0%A4%A', `/api${nastyText(random)}`])}?`,
          ),
          upgradeRequest(origin, token).replace(
            'Sec-WebSocket-Version: 13',
            `Sec-WebSocket-Version: ${nastyText(random)}`,
          ),
          upgradeRequest(origin, token).replace(
            /Sec-WebSocket-Key: \S+/,
            `Sec-WebSocket-Key: ${nastyText(random)}`,
          ),
          upgradeRequest(origin, token, `Origin: ${nastyText(random)}\r\n`),
        ]),
      ),
    // Frames after a good upgrade: reserved opcodes and bits, unmasked, wrong lengths, bad UTF-8, junk.
    () =>
      sendFramesAfterUpgrade(
        origin,
        token,
        [
          pick(random, [
            maskedFrame(0x80 | integer(random, 16), randomBytes(random, integer(random, 200))),
            maskedFrame(0x81, Buffer.from([0xc3, 0x28, 0xff])),
            maskedFrame(0x81, Buffer.from(nastyText(random))),
            maskedFrame(0x82, randomBytes(random, 10)),
            maskedFrame(0x70 | 0x81, Buffer.from('{}')),
            maskedFrame(0x09, randomBytes(random, 125)),
            Buffer.from([0x81, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]),
            Buffer.from([0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            randomBytes(random, 1 + integer(random, 64)),
          ]),
        ],
        2000,
      ),
  ];
}

const SEED = 0x5ca1_de5c;
const BATCHES = 20;
const PER_BATCH = 60;

describe('scalpdesk serve under fuzzed requests', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServeProcess();
  });
  afterAll(async () => serve?.stop());

  it(`keeps serving after ${BATCHES * PER_BATCH} malformed request lines, headers, cookies, paths and frames`, async () => {
    const random = seededRandom(SEED);
    const inputs = makeInputs(random, serve.origin, serve.token);
    let sent = 0;
    for (let batch = 0; batch < BATCHES; batch++) {
      const pending: Array<Promise<unknown>> = [];
      for (let index = 0; index < PER_BATCH; index++) {
        pending.push(inputs[(batch * PER_BATCH + index) % inputs.length]());
        sent++;
      }
      await Promise.all(pending);
      expect(serve.child.exitCode, `process died in batch ${batch}:\n${serve.stderr()}`).toBeNull();
      const served = await stillServes(serve.origin, serve.token);
      expect(served.page).toBe(200);
      expect(served.info).toMatchObject({ name: 'scalpdesk' });
    }
    expect(sent).toBeGreaterThanOrEqual(1000);
    expect(serve.stderr()).not.toMatch(/uncaught|URIError|TypeError/i);
  });
});
