import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRequestTarget, readCookie, staticFilePath } from '../../../src/main/hosts/httpGuards';
import { allowedOrigins, browseHost } from '../../../src/main/hosts/security';

const origin = 'http://127.0.0.1:4000';

describe('request target parsing never throws', () => {
  it.each(['//[', 'http://[::1', '*', '', 'example.com:443', '//evil.example/'])(
    'refuses %j with 400',
    (target) => {
      const verdict = parseRequestTarget(target, origin);
      expect(verdict).toMatchObject({ ok: false, status: 400 });
    },
  );
  it('keeps an ordinary path and query on our own origin', () => {
    const verdict = parseRequestTarget('/assets/app.js?token=abc', origin);
    expect(verdict.ok && verdict.value.href).toBe('http://127.0.0.1:4000/assets/app.js?token=abc');
  });
});

describe('cookie reading', () => {
  it('refuses a token cookie whose escapes do not decode instead of throwing URIError', () => {
    expect(readCookie('scalpdesk_token=%', 'scalpdesk_token')).toMatchObject({ ok: false, status: 400 });
    expect(readCookie('a=1; scalpdesk_token=%E0%A4%A', 'scalpdesk_token')).toMatchObject({ ok: false });
  });
  it('ignores other cookies, even malformed ones, and keeps "=" inside a value', () => {
    expect(readCookie('other=%; scalpdesk_token=a=b', 'scalpdesk_token')).toEqual({ ok: true, value: 'a=b' });
    expect(readCookie(undefined, 'scalpdesk_token')).toEqual({ ok: true, value: undefined });
  });
});

describe('static file paths', () => {
  const root = path.resolve('/srv/renderer');
  it('refuses a NUL byte and a cut-short UTF-8 escape with 400', () => {
    expect(staticFilePath(root, '/index.html%00')).toMatchObject({ ok: false, status: 400 });
    expect(staticFilePath(root, '/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
  });
  it('answers 404 for a path that climbs out of the folder', () => {
    expect(staticFilePath(root, '/%2e%2e/%2e%2e/etc/passwd')).toMatchObject({ ok: false, status: 404 });
  });
  it('maps / to index.html', () => {
    expect(staticFilePath(root, '/')).toEqual({ ok: true, value: path.join(root, 'index.html') });
  });
});

describe('allowed origins for --host', () => {
  it('a wildcard bind allows loopback and every interface address, never 0.0.0.0 alone', () => {
    const origins = allowedOrigins('0.0.0.0', 4000, ['127.0.0.1', '192.168.1.20', 'fe80::1']);
    expect(origins).toContain('http://127.0.0.1:4000');
    expect(origins).toContain('http://localhost:4000');
    expect(origins).toContain('http://192.168.1.20:4000');
    expect(origins).toContain('http://[fe80::1]:4000');
    expect(origins).not.toContain('http://evil.example:4000');
    expect(browseHost('0.0.0.0')).toBe('127.0.0.1');
  });
  it('a specific address allows only itself; loopback also its other names', () => {
    expect([...allowedOrigins('192.168.1.20', 4000, ['192.168.1.21'])]).toEqual(['http://192.168.1.20:4000']);
    expect(allowedOrigins('127.0.0.1', 4000, [])).toContain('http://localhost:4000');
  });
});
