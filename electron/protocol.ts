// The `app://kiosk/` protocol: the only way the kiosk window gets its pages. It serves files from the renderer build
// and nothing else — a request that would leave that folder is refused — and every response carries the CSP.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The renderer build has no inline scripts, eval or network: anything else it tries is blocked. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every app:// response, errors included. */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
});

/** What the renderer build contains. A file of any other type is not served, so nothing gets sniffed or guessed. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

/** Longest URL the handler looks at; the renderer's own asset URLs are far shorter. */
const URL_LENGTH_MAX = 2048;

export type AppPathResolution =
  | { readonly ok: true; readonly filePath: string; readonly contentType: string }
  | { readonly ok: false; readonly status: 400 | 403 | 404 };

/**
 * `scheme://host` of a URL, or null when it has none. Node's `URL.origin` is "null" for schemes it does not know,
 * while Chromium treats a privileged standard scheme like `app:` as a real origin, so it is spelled out here.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host === '' ? null : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/**
 * Maps a raw `app://kiosk/...` URL to a file under `rendererRoot`. Works on the raw string rather than a parsed URL
 * because URL parsing quietly folds `..` away; any dot segment, encoded separator, backslash or drive letter is
 * refused outright instead of being normalised into something that happens to land inside the root.
 */
export function resolveAppPath(rawUrl: string, rendererRoot: string): AppPathResolution {
  const prefix = `${APP_ORIGIN}/`;
  if (rawUrl.length > URL_LENGTH_MAX) return { ok: false, status: 400 };
  // Exact prefix: no other host, port, credentials or case games.
  if (!rawUrl.startsWith(prefix)) return { ok: false, status: 403 };
  const rawPath = rawUrl.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
  if (rawPath.includes('\\')) return { ok: false, status: 403 };

  const segments: string[] = [];
  for (const rawSegment of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return { ok: false, status: 400 };
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return { ok: false, status: 403 };
    segments.push(segment);
  }
  // `app://kiosk/` is the entry page; empty segments (`a//b`) mean nothing in a static build.
  const parts = segments.filter((segment) => segment !== '');
  if (parts.length === 0) parts.push('index.html');

  const root = resolve(rendererRoot);
  const filePath = resolve(root, ...parts);
  const inside = relative(root, filePath);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    return { ok: false, status: 403 };
  }
  const contentType = CONTENT_TYPES[extname(filePath).toLowerCase()];
  if (!contentType) return { ok: false, status: 404 };
  return { ok: true, filePath, contentType };
}

function respond(status: number, body: Uint8Array | null, contentType?: string): Response {
  const headers = new Headers(RESPONSE_HEADERS);
  if (contentType) headers.set('Content-Type', contentType);
  return new Response(body, { status, headers });
}

/** The request handler, separate from Electron so it can be exercised with plain `Request` objects. */
export function createAppProtocolHandler(rendererRoot: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, null);
    const resolution = resolveAppPath(request.url, rendererRoot);
    if (!resolution.ok) return respond(resolution.status, null);
    let body: Uint8Array;
    try {
      body = await readFile(resolution.filePath);
    } catch {
      // Missing file or a directory: the build does not have it.
      return respond(404, null);
    }
    return respond(200, request.method === 'HEAD' ? null : body, resolution.contentType);
  };
}

/** Must run before `ready`: makes `app:` a secure standard scheme so the page gets a real origin and `fetch`. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererRoot: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot));
}
