import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/api/errors';
import {
  applyBrokerForm,
  brokerSettingsView,
  testSavedBroker,
  withRunningDataStreams,
} from '../../../src/main/hosts/brokerSettings';
import { brokerSettingsHandlers } from '../../../src/main/hosts/brokerSettingsHandlers';
import { loadSettings, settingsSchema } from '../../../src/main/platform/settings';

const KEY = 'settings-window-key-3e9d1f';

describe('Broker settings window (main side, pure parts)', () => {
  it('shows where the keys come from, never the keys themselves', () => {
    const settings = settingsSchema.parse({ broker: { kind: 'openalgo' } });
    const view = brokerSettingsView(settings, settings, 'headless', { SCALPDESK_OPENALGO_API_KEY: KEY });
    expect(view).toMatchObject({
      kind: 'openalgo',
      mode: 'headless',
      keys: { found: true },
      restartNeeded: false,
    });
    expect(JSON.stringify(view)).not.toContain(KEY);
    const missing = brokerSettingsView(settings, settings, 'headless', {});
    expect(missing.keys.found).toBe(false);
    expect(missing.keys.detail).toMatch(/SCALPDESK_OPENALGO_API_KEY/);
  });

  it('choosing a real broker takes its market data too; the change waits for a restart', () => {
    const running = settingsSchema.parse({});
    const next = applyBrokerForm(running, { kind: 'alpaca', paper: true }, 'headless');
    expect(next.broker.kind).toBe('alpaca');
    expect(next.market.source).toBe('broker');
    expect(brokerSettingsView(next, running, 'headless', {}).restartNeeded).toBe(true);
  });

  it('refuses keys in browser mode, naming the environment variables to use instead', () => {
    const settings = settingsSchema.parse({});
    expect(() =>
      applyBrokerForm(settings, { kind: 'openalgo', secrets: { openalgoApiKey: KEY } }, 'headless'),
    ).toThrowError(ApiError);
    expect(() =>
      applyBrokerForm(settings, { kind: 'openalgo', secrets: { openalgoApiKey: KEY } }, 'headless'),
    ).toThrow(/SCALPDESK_OPENALGO_API_KEY/);
  });

  it('desktop: a save hands the keys to the keychain store and writes none of them to settings.json', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-broker-settings-'));
    const stored: unknown[] = [];
    const handlers = brokerSettingsHandlers({
      dataDir,
      running: settingsSchema.parse({}),
      saveSecrets: (secrets) => stored.push(secrets),
      connections: () => undefined,
    });
    const sender = { connectionId: 'test', transport: 'memory' } as const;
    const view = await handlers['broker.save'](
      { kind: 'openalgo', host: 'http://127.0.0.1:5001', secrets: { openalgoApiKey: KEY } },
      sender,
    );
    expect(stored).toEqual([{ openalgoApiKey: KEY }]);
    expect(view.mode).toBe('desktop');
    expect(loadSettings(dataDir).broker).toMatchObject({ kind: 'openalgo', host: 'http://127.0.0.1:5001' });
    expect(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).not.toContain(KEY);
  });

  it('on a running Alpaca session the data line reports its own streams (Alpaca allows one per account)', () => {
    const checks = withRunningDataStreams(
      [
        { name: 'auth', ok: true, detail: 'keys accepted' },
        { name: 'data', ok: true, detail: 'not opened' },
      ],
      'alpaca',
      [
        { name: 'alpaca stocks', state: 'live', detail: 'authenticated' },
        { name: 'alpaca options', state: 'stale', detail: 'no data for 30000 ms' },
      ],
    );
    expect(checks[1]).toMatchObject({
      name: 'data',
      ok: false,
      detail: expect.stringMatching(/alpaca options stale/),
    });
  });

  it('"Test connection" without keys says so on the authentication line and tries nothing else', async () => {
    const checks = await testSavedBroker(settingsSchema.parse({ broker: { kind: 'alpaca' } }), {});
    expect(checks.map((check) => [check.name, check.ok])).toEqual([
      ['auth', false],
      ['data', false],
      ['orders', false],
    ]);
    expect(checks[0].detail).toMatch(/SCALPDESK_ALPACA_KEY_ID/);
  });
});
