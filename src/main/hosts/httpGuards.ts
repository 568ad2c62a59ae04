import path from 'node:path';

/**
 * Total parsers for what a browser-mode client sends (issue 10 item 1): every one returns a verdict
 * instead of throwing, because one exception escaping an HTTP handler ends the whole process —
 * workers, engine and open orders with it — and anyone who can reach the port could send it.
 */
export type Verdict<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly status: 400 | 404; readonly reason: string };

const accept = <T>(value: T): Verdict<T> => ({ ok: true, value });
const refuse = (status: 400 | 404, reason: string): Verdict<never> => ({ ok: false, status, reason });

/** Longest request target we read; longer ones are refused rather than parsed. */
const MAX_TARGET_LENGTH = 8192;

/**
 * The request target of an HTTP request, resolved against our own origin. Only origin-form targets
 * (`/path?query`, RFC 9112 §3.2.1) are accepted: a browser sends nothing else to us, and the
 * absolute or authority forms (`http://[::1`, `//[`) would otherwise be parsed as another host.
 */
export function parseRequestTarget(target: string | undefined, origin: string): Verdict<URL> {
  if (target === undefined || target === '') return refuse(400, 'empty request target');
  if (target.length > MAX_TARGET_LENGTH) return refuse(400, 'request target too long');
  if (!target.startsWith('/')) return refuse(400, 'request target must be a path starting with "/"');
  // `//host...` is how a URL parser spells another authority; no path of ours starts with an empty segment.
  if (target.startsWith('//')) return refuse(400, 'request target must not start with "//"');
  try {
    // Concatenated, not `new URL(target, origin)`: a target starting with `//` is still a path here.
    const url = new URL(`${origin}${target}`);
    if (url.origin !== new URL(origin).origin) return refuse(400, 'request target names another host');
    return accept(url);
  } catch {
    return refuse(400, 'request target is not a valid URL');
  }
}

/** decodeURIComponent without the URIError on a stray `%` or a cut-short UTF-8 sequence. */
export function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * The value of one cookie from a Cookie header. Absent is `undefined`; a value whose percent escapes
 * do not decode is refused (a browser never sends one, so it is a bad request, not a missing token).
 */
export function readCookie(
  header: string | readonly string[] | undefined,
  name: string,
): Verdict<string | undefined> {
  if (header === undefined) return accept(undefined);
  const text = typeof header === 'string' ? header : header.join('; ');
  for (const part of text.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const decoded = decodeComponent(part.slice(separator + 1).trim());
    if (decoded === undefined) return refuse(400, `cookie ${name} is not validly percent-encoded`);
    return accept(decoded);
  }
  return accept(undefined);
}

/**
 * The file under `rendererDir` a URL path names. A path that does not decode, or holds a NUL byte
 * (which makes fs throw synchronously), is a bad request; one that leaves the folder is not found.
 */
export function staticFilePath(rendererDir: string, pathname: string): Verdict<string> {
  const decoded = decodeComponent(pathname);
  if (decoded === undefined) return refuse(400, 'path is not validly percent-encoded');
  if (decoded.includes('\0')) return refuse(400, 'path contains a NUL byte');
  const relative = decoded === '/' || decoded === '' ? '/index.html' : decoded;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return refuse(404, 'outside the app folder');
  return accept(file);
}

/** Printable, bounded form of client-supplied text for a log line (no control characters). */
export function forLog(text: string | undefined, max = 120): string {
  if (text === undefined) return '(none)';
  const printable = JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
  return printable;
}
