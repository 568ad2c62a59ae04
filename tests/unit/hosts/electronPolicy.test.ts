import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  devServerUrl,
  devToolsAllowed,
  isAllowedRequest,
  permissionAllowed,
} from '../../../src/main/hosts/security';

const rendererDir = path.resolve('/opt/Scalpdesk/resources/app/out/renderer');
const packaged = { rendererDir, devTools: false };
const fileUrl = (file: string): string => pathToFileURL(file).href;

describe('Electron: dev server and DevTools only in development (issue 10 item 7)', () => {
  it('ignores ELECTRON_RENDERER_URL in a packaged build', () => {
    expect(devServerUrl(true, 'http://localhost:5173')).toBeUndefined();
    expect(devServerUrl(false, 'http://localhost:5173')).toBe('http://localhost:5173');
  });
  it('ignores a dev server URL that is not loopback http', () => {
    expect(devServerUrl(false, 'https://evil.example/')).toBeUndefined();
    expect(devServerUrl(false, 'file:///tmp/page.html')).toBeUndefined();
    expect(devServerUrl(false, 'not a url')).toBeUndefined();
  });
  it('allows DevTools only when not packaged', () => {
    expect(devToolsAllowed(true)).toBe(false);
    expect(devToolsAllowed(false)).toBe(true);
  });
});

describe('Electron: request filter', () => {
  it('allows the app’s own files, however deep', () => {
    expect(isAllowedRequest(fileUrl(path.join(rendererDir, 'index.html')), packaged)).toBe(true);
    expect(isAllowedRequest(fileUrl(path.join(rendererDir, 'assets', 'app.js')), packaged)).toBe(true);
  });
  it('refuses any other file, a sibling folder with the same prefix, and escapes', () => {
    expect(isAllowedRequest('file:///etc/passwd', packaged)).toBe(false);
    expect(isAllowedRequest(fileUrl(`${rendererDir}-evil/index.html`), packaged)).toBe(false);
    expect(isAllowedRequest(`${fileUrl(rendererDir)}/%2e%2e/%2e%2e/secret`, packaged)).toBe(false);
    expect(isAllowedRequest(`${fileUrl(rendererDir)}/index.html%00`, packaged)).toBe(false);
    expect(isAllowedRequest(`${fileUrl(rendererDir)}/%E0%A4%A`, packaged)).toBe(false);
  });
  it('refuses remote content and DevTools pages in a packaged build', () => {
    expect(isAllowedRequest('https://cdn.example/lib.js', packaged)).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', packaged)).toBe(false);
    expect(isAllowedRequest('garbage', packaged)).toBe(false);
  });
  it('in development allows the dev server (http and its hot-reload WebSocket) and DevTools', () => {
    const development = { rendererDir, devTools: true, devServerUrl: 'http://localhost:5173' };
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', development)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', development)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', development)).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', development)).toBe(true);
  });
});

describe('Electron: permissions', () => {
  it('denies every permission request and check', () => {
    expect(permissionAllowed()).toBe(false);
  });
});
