import { existsSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Logger } from '@onething/runtime';
import { sendError } from '@onething/runtime/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web app (web/, built to WEB_DIR) at `/`: index.html for `/` and for every page of the app (a
 * single-page app routes in the browser), its hashed files under /assets/ cached for good, `/config.json`
 * telling it where users sign in, everything under one strict Content-Security-Policy. The gateway's own
 * paths are never taken for pages.
 */

/** Paths of the gateway's own, answered by their handlers and never by the web app's index.html. */
export const API_PREFIXES = [
  '/graphql',
  '/graphiql',
  '/materials',
  '/health',
  '/ready',
  '/metrics',
  '/idp',
  '/config.json',
];

/**
 * Same origin only, no inline script, no framing: the app talks to /graphql and /materials here, and to
 * the identity provider it signs in at (its discovery, token and end-session endpoints), which is the
 * one other origin it may connect to and send a form to.
 */
export function webAppCsp(issuer?: string): string {
  const idp = issuer ? ` ${new URL(issuer).origin}` : '';
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self'${idp}`,
    "script-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action 'self'${idp}`,
  ].join('; ');
}

/** The policy without an identity provider (no OIDC_ISSUER): nothing but the gateway's own origin. */
export const WEB_APP_CSP = webAppCsp();

/** What the web app reads at `/config.json` before anything else: where its users sign in. */
export interface WebAppConfig {
  /** The OpenID provider's issuer URL (OIDC_ISSUER); null where none is set and nobody can sign in. */
  readonly issuer: string | null;
  /** The web app's client id there (WEB_CLIENT_ID): a public client, code flow with PKCE. */
  readonly clientId: string;
}

const securityHeaders = (issuer?: string) => ({
  'content-security-policy': webAppCsp(issuer),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
});

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** The content type of a file the web app's build produces, by its extension. */
export const contentTypeOf = (file: string): string =>
  TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Whether a path (without its query) is one of the gateway's own. */
export const isApiPath = (path: string): boolean =>
  API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

const NOT_BUILT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The web app is not built — One thing (一件事)</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; }</style>
</head>
<body>
<h1>The web app is not built</h1>
<p>网页应用尚未构建。This gateway serves the web app from its <code>WEB_DIR</code>, which has no
<code>index.html</code> yet. Build it, then reload this page:</p>
<pre><code>npm run build --workspace web</code></pre>
<p><code>npm start</code> builds it when needed. The one schema is served meanwhile at
<a href="/graphql">/graphql</a>, with <a href="/graphiql">GraphiQL</a>.</p>
</body>
</html>
`;

const notFound = (reply: FastifyReply, message: string) => sendError(reply, 'NOT_FOUND', message);

/**
 * The file a URL path names inside `root`: `undefined` when it cannot be one (a dotfile), `null` when the
 * path tries to leave `root` (`..`, `%2e%2e`, a backslash or NUL, however encoded).
 */
export function fileIn(root: string, path: string): string | null | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (segments.length === 0 || segments.some((s) => s.startsWith('.'))) return undefined;
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

export interface WebAppOptions {
  /** The built web app (WEB_DIR): index.html and assets/. */
  readonly dir: string;
  /** Whether it is served at all (WEB_APP); when not, what no route takes is 404 and nothing more. */
  readonly enabled?: boolean;
  /** Where users sign in (OIDC_ISSUER, WEB_CLIENT_ID), served to the app at `/config.json`. */
  readonly signIn?: { readonly issuer?: string | undefined; readonly clientId: string };
  readonly log: Logger;
}

/** Registers `/`, `/assets/*`, `/config.json` and the fallback answering the app's pages; see the module comment. */
export function registerWebApp(
  app: FastifyInstance,
  { dir, enabled = true, signIn, log }: WebAppOptions,
): void {
  if (!enabled) {
    app.setNotFoundHandler(async (req, reply) =>
      notFound(reply, `there is nothing at ${req.method} ${req.url.split('?', 1)[0]}`),
    );
    return;
  }
  const root = resolve(dir);
  const index = join(root, 'index.html');
  const SECURITY_HEADERS = securityHeaders(signIn?.issuer);
  const config: WebAppConfig = { issuer: signIn?.issuer ?? null, clientId: signIn?.clientId ?? '' };
  if (!config.issuer) log.warn('no OIDC_ISSUER: the web app has no identity provider to sign users in at');
  if (!existsSync(index))
    log.warn(
      { webDir: root },
      'the web app is not built: / answers 503 until `npm run build --workspace web` writes WEB_DIR/index.html',
    );

  /** Sends a regular file with its type, caching and validators; false when there is no such file. */
  const sendFile = async (
    req: FastifyRequest,
    reply: FastifyReply,
    file: string,
    cacheControl: string,
  ): Promise<boolean> => {
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch {
      return false;
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        await handle.close();
        return false;
      }
      const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
      reply
        .headers({ ...SECURITY_HEADERS, 'cache-control': cacheControl, etag })
        .header('last-modified', stats.mtime.toUTCString())
        .type(contentTypeOf(file));
      const ifNoneMatch = req.headers['if-none-match'];
      if (ifNoneMatch?.split(',').some((t) => t.trim() === etag)) {
        await handle.close();
        reply.code(304).send();
        return true;
      }
      reply.header('content-length', stats.size).send(handle.createReadStream());
      return true;
    } catch (e) {
      await handle.close().catch(() => undefined);
      throw e;
    }
  };

  /** index.html, read afresh each time so a rebuild is served at once; a page saying how to build it if there is none. */
  const sendIndex = async (req: FastifyRequest, reply: FastifyReply) => {
    if (await sendFile(req, reply, index, REVALIDATE)) return reply;
    return reply
      .code(503)
      .headers({ ...SECURITY_HEADERS, 'cache-control': 'no-store' })
      .type('text/html; charset=utf-8')
      .send(NOT_BUILT);
  };

  const pathOf = (req: FastifyRequest) => req.url.split('?', 1)[0] ?? '/';
  const refuseTraversal = (reply: FastifyReply) =>
    sendError(reply, 'BAD_REQUEST', 'the path has a `..` or `.` segment (or a backslash): it is not served');

  app.get('/', sendIndex);

  // Read at run time, so one build of the app serves any identity provider.
  app.get('/config.json', async (_req, reply) =>
    reply.headers({ ...SECURITY_HEADERS, 'cache-control': REVALIDATE }).send(config),
  );

  // Vite names these by their content: a changed file is a new name, so each can be cached for good.
  app.get('/assets/*', async (req, reply) => {
    const file = fileIn(root, pathOf(req));
    if (file === null) return refuseTraversal(reply);
    if (file && (await sendFile(req, reply, file, IMMUTABLE))) return reply;
    return notFound(
      reply,
      `the web app has no ${pathOf(req)}: it may have been rebuilt since the page was loaded; reload it`,
    );
  });

  // Everything no route answers: a file at the app's top level (favicon, robots.txt…), else a page of the
  // app (index.html) when a browser asks for one, else 404.
  app.setNotFoundHandler(async (req, reply) => {
    const path = pathOf(req);
    if ((req.method === 'GET' || req.method === 'HEAD') && !isApiPath(path)) {
      const file = fileIn(root, path);
      if (file === null) return refuseTraversal(reply);
      if (file === index) return sendIndex(req, reply);
      if (file && (await sendFile(req, reply, file, REVALIDATE))) return reply;
      if (req.headers.accept?.includes('text/html')) return sendIndex(req, reply);
    }
    return notFound(reply, `there is nothing at ${req.method} ${path}`);
  });
}
