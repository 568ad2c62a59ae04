import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyBrokerOverride } from '../../../src/main/brokers/config/brokerOverride';
import { loadBrokerSecrets, redactSecrets } from '../../../src/main/brokers/config/brokerSecrets';
import { testBrokerConnection } from '../../../src/main/brokers/config/connectionTest';
import { settingsSchema } from '../../../src/main/platform/settings';
import { FakeOpenAlgo } from '../../support/brokers/fakeOpenAlgo';

const API_KEY = 'config-openalgo-key-0b7e55';
const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-broker-config-'));
let server: FakeOpenAlgo | null = null;

afterEach(async () => {
  await server?.stop();
  server = null;
});

function keyFile(name: string, mode: number, content: object): string {
  const file = path.join(temp, name);
  fs.writeFileSync(file, JSON.stringify(content));
  fs.chmodSync(file, mode);
  return file;
}

describe('broker configuration and secrets', () => {
  it('refuses a secret written into settings.json, naming the field', () => {
    const result = settingsSchema.safeParse({ broker: { kind: 'alpaca', alpacaSecretKey: 'x' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['broker', 'alpacaSecretKey'],
      message: expect.stringMatching(/secrets do not belong in settings.json/),
    });
  });

  it('takes secrets from the environment first, else from a 0600 key file; a looser file is refused', () => {
    expect(
      loadBrokerSecrets('openalgo', { env: { SCALPDESK_OPENALGO_API_KEY: API_KEY }, keyFile: '' }),
    ).toEqual({ openalgoApiKey: API_KEY });
    const good = keyFile('keys.json', 0o600, { alpacaKeyId: 'PKID', alpacaSecretKey: 'SECRET' });
    expect(loadBrokerSecrets('alpaca', { env: {}, keyFile: good })).toEqual({
      alpacaKeyId: 'PKID',
      alpacaSecretKey: 'SECRET',
    });
    const loose = keyFile('loose.json', 0o644, { openalgoApiKey: API_KEY });
    expect(() => loadBrokerSecrets('openalgo', { env: {}, keyFile: loose })).toThrow(
      /readable by others \(mode 644\); run chmod 600/,
    );
    expect(() => loadBrokerSecrets('alpaca', { env: {}, keyFile: '' })).toThrow(
      /SCALPDESK_ALPACA_KEY_ID and SCALPDESK_ALPACA_SECRET_KEY/,
    );
  });

  it('redacts every secret from a message', () => {
    expect(redactSecrets(`refused ${API_KEY} twice ${API_KEY}`, { openalgoApiKey: API_KEY })).toBe(
      'refused [redacted] twice [redacted]',
    );
  });

  it('--broker switches kind and market data; live Alpaca needs --confirm-live', () => {
    const settings = settingsSchema.parse({});
    const overridden = applyBrokerOverride(settings, 'openalgo', false);
    expect(overridden.broker.kind).toBe('openalgo');
    expect(overridden.market.source).toBe('broker');
    const live = settingsSchema.parse({ broker: { kind: 'alpaca', paper: false } });
    expect(() => applyBrokerOverride(live, undefined, false)).toThrow(/--confirm-live/);
    expect(applyBrokerOverride(live, undefined, true).broker.paper).toBe(false);
    expect(() => applyBrokerOverride(settings, 'zerodha', false)).toThrow(/openalgo, alpaca or paper/);
  });

  it('broker test reports auth, data and order entry, and says what failed with a bad key', async () => {
    server = await new FakeOpenAlgo(API_KEY, [
      { symbol: 'NIFTY', exchange: 'NSE_INDEX', mid: 26000, tick: 0.05, lotSize: 1 },
    ]).start();
    const broker = settingsSchema.parse({
      broker: { kind: 'openalgo', host: server.restUrl, wsUrl: server.wsUrl },
    }).broker;
    const good = await testBrokerConnection(broker, { openalgoApiKey: API_KEY }, 2000);
    expect(good.map((check) => [check.name, check.ok])).toEqual([
      ['auth', true],
      ['data', true],
      ['orders', true],
    ]);
    const bad = await testBrokerConnection(broker, { openalgoApiKey: 'wrong-key-123' }, 2000);
    expect(bad.every((check) => !check.ok)).toBe(true);
    expect(bad[1].detail).toMatch(/API key was refused/);
    expect(bad.map((check) => check.detail).join(' ')).not.toContain('wrong-key-123');
    expect(server.requests.some((request) => request.endpoint === 'placeorder')).toBe(false);
  });
});
