import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineUnderlyingProblem } from '../../../src/main/coreWorker/engineUnderlying';
import { unknownSettingsKeys } from '../../../src/main/platform/settings';
import { checkStartup, exchangeUrlProblem, StartupError } from '../../../src/main/platform/startupChecks';
import { settingsSchema } from '../../../src/main/platform/settings';
import { makeNseOption } from '../oms/factories';
import { makeUnderlying } from '../engine/support/factories';
import { makeTempDir } from '../../support/serveProcess';

describe('exchangeUrl check', () => {
  it('accepts empty (built-in exchange) and ws/wss URLs', () => {
    expect(exchangeUrlProblem('')).toBeNull();
    expect(exchangeUrlProblem('ws://127.0.0.1:7000/')).toBeNull();
    expect(exchangeUrlProblem('wss://feed.example/stream')).toBeNull();
  });
  it('names the setting for text that is not a URL or not a WebSocket URL', () => {
    expect(exchangeUrlProblem('localhost:7000')).toMatch(/^market\.exchangeUrl "localhost:7000"/);
    expect(exchangeUrlProblem('not a url')).toMatch(/is not a URL/);
    expect(exchangeUrlProblem('https://x.example')).toMatch(/must start with ws:\/\/ or wss:\/\//);
  });
});

describe('unknown settings keys', () => {
  it('names misspelt keys at the top and inside sections, not window names', () => {
    expect(
      unknownSettingsKeys({ market: { exchangeURL: 'x', seed: 1 }, enigne: {}, windows: { ladder: {} } }),
    ).toEqual(['market.exchangeURL', 'enigne']);
    expect(unknownSettingsKeys({ market: { profile: 'us' } })).toEqual([]);
  });
});

describe('start-up checks', () => {
  const settings = settingsSchema.parse({});
  it('refuses engine.mode "live" on the paper broker', () => {
    const live = settingsSchema.parse({ engine: { mode: 'live' } });
    expect(() => checkStartup(makeTempDir('checks'), live, 'settings.json')).toThrow(StartupError);
  });
  it('refuses a recordings path that is a file', () => {
    const dataDir = makeTempDir('checks');
    fs.writeFileSync(path.join(dataDir, 'recordings'), '');
    expect(() => checkStartup(dataDir, settings, 'settings.json')).toThrow(/recordings is a file/);
  });
  it('passes a fresh data folder', () => {
    expect(() => checkStartup(makeTempDir('checks'), settings, 'settings.json')).not.toThrow();
  });
});

describe('engine.underlying check', () => {
  const option = makeNseOption();
  const index = makeUnderlying();
  it('accepts empty and an underlying with options on the feed; names the ones there are otherwise', () => {
    expect(engineUnderlyingProblem('', [index, option])).toBeNull();
    expect(engineUnderlyingProblem('NIFTY', [index, option])).toBeNull();
    expect(engineUnderlyingProblem('NIFTYX', [index, option])).toMatch(
      /"NIFTYX" is not an underlying .*\(NIFTY\)/,
    );
  });
});
