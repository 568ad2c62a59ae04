import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/main/hosts/security';
import { isTrustedSender } from '../../../src/main/hosts/senderPolicy';
import { restoreBounds, routeOfKey, windowKey, windowsToReopen } from '../../../src/main/hosts/windowState';
import { loadSettings, saveSettings, settingsSchema } from '../../../src/main/platform/settings';
import { makeTempDir } from '../../support/serveProcess';

const renderer = 'file:///opt/Scalpdesk/resources/app/out/renderer/index.html';

describe('IPC sender policy', () => {
  it('trusts the top frame of our own renderer, whatever the route', () => {
    expect(isTrustedSender({ frameUrl: `${renderer}#/ladder`, isMainFrame: true }, renderer)).toBe(true);
  });
  it('refuses an iframe even when it shows our page', () => {
    expect(isTrustedSender({ frameUrl: renderer, isMainFrame: false }, renderer)).toBe(false);
  });
  it('refuses a window navigated to another page or site', () => {
    expect(isTrustedSender({ frameUrl: 'file:///tmp/evil.html', isMainFrame: true }, renderer)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'https://evil.example/', isMainFrame: true }, renderer)).toBe(false);
  });
  it('trusts the dev server only by exact origin', () => {
    expect(
      isTrustedSender(
        { frameUrl: 'http://localhost:5173/#/ladder', isMainFrame: true },
        renderer,
        'http://localhost:5173',
      ),
    ).toBe(true);
    expect(
      isTrustedSender(
        { frameUrl: 'http://localhost:5173.evil.example/', isMainFrame: true },
        renderer,
        'http://localhost:5173',
      ),
    ).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows only our own scripts and no inline script, frames or objects', () => {
    const csp = contentSecurityPolicy('ws://127.0.0.1:4000');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4000");
  });
});

describe('window bounds', () => {
  const displays = [
    { id: 1, x: 0, y: 0, width: 1920, height: 1080 },
    { id: 2, x: 1920, y: 0, width: 2560, height: 1440 },
  ];
  it('reopens a window where it was, on the same monitor', () => {
    expect(
      restoreBounds({ x: 2000, y: 100, width: 500, height: 700, displayId: 2 }, displays, {
        width: 520,
        height: 760,
      }),
    ).toEqual({
      x: 2000,
      y: 100,
      width: 500,
      height: 700,
    });
  });
  it('keeps only the size when its monitor is gone, so it never opens off-screen', () => {
    expect(
      restoreBounds({ x: 5000, y: 100, width: 500, height: 700, displayId: 3 }, displays, {
        width: 520,
        height: 760,
      }),
    ).toEqual({
      width: 500,
      height: 700,
    });
  });
  it('uses the default size for a window never seen', () => {
    expect(restoreBounds(undefined, displays, { width: 520, height: 760 })).toEqual({
      width: 520,
      height: 760,
    });
  });
  it('pulls a window hanging off its monitor back whole onto it, never larger than the monitor', () => {
    expect(
      restoreBounds({ x: 1700, y: 900, width: 500, height: 700, displayId: 1 }, displays, {
        width: 520,
        height: 760,
      }),
    ).toEqual({ x: 1420, y: 380, width: 500, height: 700 });
    expect(
      restoreBounds({ x: 1950, y: -20, width: 3000, height: 900, displayId: 2 }, displays, {
        width: 520,
        height: 760,
      }),
    ).toEqual({ x: 1920, y: 0, width: 2560, height: 900 });
  });
  it('gives each window of a kind its own key, so several ladders each reopen where they were', () => {
    expect(windowKey('ladder', new Set())).toBe('ladder');
    expect(windowKey('ladder', new Set(['ladder']))).toBe('ladder-2');
    expect(windowKey('ladder', new Set(['ladder', 'ladder-2', 'chart']))).toBe('ladder-3');
    expect(windowKey('ladder', new Set(['ladder-2']))).toBe('ladder');
    expect(routeOfKey('ladder-3')).toBe('ladder');
    expect(routeOfKey('chart')).toBe('chart');
  });
  it('reopens the windows open at quit, on their own displays, else one ladder', () => {
    const isRoute = (route: string): boolean => ['ladder', 'chart'].includes(route);
    const at = { x: 0, y: 0, width: 500, height: 700 };
    expect(
      windowsToReopen(
        {
          ladder: { ...at, open: true },
          'ladder-2': { ...at, x: 2000, displayId: 2, open: true },
          chart: { ...at, open: false },
          gone: { ...at, open: true },
        },
        isRoute,
      ),
    ).toEqual(['ladder', 'ladder-2']);
    expect(windowsToReopen({ chart: { ...at, open: false } }, isRoute)).toEqual(['ladder']);
    expect(windowsToReopen({}, isRoute)).toEqual(['ladder']);
  });
});

describe('settings file', () => {
  it('gives defaults when there is no file, and round-trips what was saved', () => {
    const dir = makeTempDir('settings');
    const defaults = loadSettings(dir);
    expect(defaults.market.profile).toBe('nse');
    expect(defaults.broker.kind).toBe('paper');
    saveSettings(dir, { ...defaults, market: { ...defaults.market, seed: 7 } });
    expect(loadSettings(dir).market.seed).toBe(7);
  });
  it('moves a corrupt file aside with a warning instead of failing to start', () => {
    const dir = makeTempDir('settings');
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"market": {"profile": "moon"}}');
    const warnings: string[] = [];
    const settings = loadSettings(dir, (message) => warnings.push(message));
    expect(settings).toEqual(settingsSchema.parse({}));
    expect(warnings[0]).toMatch(/market\.profile/);
    expect(fs.readdirSync(dir).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
  });
  it('reads hotkeys and ladder settings, warning about hotkeys it cannot use', () => {
    const dir = makeTempDir('settings');
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        hotkeys: { buy: 'J', panic: 'P' },
        ladder: { maxLots: 20, exits: { stopLoss: { value: 0.5, unit: 'points' }, trailing: true } },
      }),
    );
    const warnings: string[] = [];
    const settings = loadSettings(dir, (message) => warnings.push(message));
    expect(settings.hotkeys).toEqual({ buy: 'J', panic: 'P' });
    expect(settings.ladder).toEqual({
      maxLots: 20,
      exits: { takeProfit: null, stopLoss: { value: 0.5, unit: 'points' }, trailing: true },
    });
    expect(warnings).toEqual([
      expect.stringMatching(/settings\.json: hotkeys\.panic: unknown action, ignored/),
    ]);
  });
  it('refuses a trailing exit without a stop-loss distance, naming the field', () => {
    const dir = makeTempDir('settings');
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ ladder: { exits: { trailing: true } } }),
    );
    const warnings: string[] = [];
    expect(loadSettings(dir, (message) => warnings.push(message)).ladder.exits.trailing).toBe(false);
    expect(warnings[0]).toMatch(/ladder\.exits\.trailing: a trailing exit needs exits\.stopLoss/);
  });
});
