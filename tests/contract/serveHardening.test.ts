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

/**
 * Issue 10 item 1: each of these single requests used to end the whole `scalpdesk serve` process with
 * an uncaught URIError/TypeError. Now each is answered 400 with a log line, and the host keeps serving.
 */
describe('scalpdesk serve survives the requests that used to kill it', () => {
  let serve: ServeProcess;
  let port: number;
  let host: string;
  beforeAll(async () => {
    serve = await startServeProcess();
    port = Number(new URL(serve.origin).port);
    host = new URL(serve.origin).host;
  });
  afterAll(async () => serve?.stop());

  const expectAlive = async (): Promise<void> => {
    expect(serve.child.exitCode).toBeNull();
    const served = await stillServes(serve.origin, serve.token);
    expect(served.page).toBe(200);
    expect(served.info).toMatchObject({ name: 'scalpdesk' });
  };
  const get = (target: string, headers = ''): string =>
    `GET ${target} HTTP/1.1\r\nHost: ${host}\r\n${headers}\r\n`;

  it('a cookie with a stray % (unauthenticated) gets 400 and a log line', async () => {
    const reply = await sendRaw(port, [get('/', 'Cookie: scalpdesk_token=%\r\n')]);
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('cookie scalpdesk_token is not validly percent-encoded');
    await expect.poll(() => serve.stderr()).toMatch(/refused 400 "GET" "\/" .*cookie scalpdesk_token/);
    await expectAlive();
  });

  it('the request targets //[ and http://[::1 get 400', async () => {
    expect((await sendRaw(port, [get('//[')])).status).toBe(400);
    expect((await sendRaw(port, [get('http://[::1')])).status).toBe(400);
    await expectAlive();
  });

  it('with the token, /index.html%00 and /%E0%A4%A get 400', async () => {
    const nul = await sendRaw(port, [get(`/index.html%00?token=${serve.token}`)]);
    expect(nul.status).toBe(400);
    expect(nul.text).toContain('NUL byte');
    const cut = await sendRaw(port, [get(`/%E0%A4%A?token=${serve.token}`)]);
    expect(cut.status).toBe(400);
    expect(cut.text).toContain('not validly percent-encoded');
    await expectAlive();
  });

  it('a WebSocket upgrade with a bad cookie escape gets 400', async () => {
    const reply = await sendRaw(port, [
      upgradeRequest(serve.origin, 'x', 'Cookie: scalpdesk_token=%E0%A4%A\r\n').replace('?token=x', ''),
    ]);
    expect(reply.status).toBe(400);
    await expectAlive();
  });

  it('a WebSocket upgrade to //[ gets 400', async () => {
    const reply = await sendRaw(port, [
      upgradeRequest(serve.origin, serve.token).replace('GET /api?', 'GET //[?'),
    ]);
    expect(reply.status).toBe(400);
    await expectAlive();
  });

  it('a bad WebSocket frame closes that socket only (1002) and is logged', async () => {
    // Reserved opcode 0x3 with FIN set: a protocol error.
    const reply = await sendFramesAfterUpgrade(serve.origin, serve.token, [
      maskedFrame(0x83, Buffer.from('x')),
    ]);
    expect(reply.status).toBe(101);
    await expect.poll(() => serve.stderr()).toMatch(/WebSocket closed on a bad frame/);
    await expectAlive();
  });
});
