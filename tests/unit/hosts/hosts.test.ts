import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/main/hosts/security';
import { isTrustedSender } from '../../../src/main/hosts/senderPolicy';
import { restoreBounds } from '../../../src/main/hosts/windowState';
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
});
