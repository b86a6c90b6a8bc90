import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Every asset is bundled and served from here, so the page needs nothing from elsewhere; the policy makes the
 * browser enforce it, and forbids inline scripts, so even text that slipped into the DOM as HTML could not run.
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** Where the built dashboard is: beside the compiled server (dist/dashboard), or the workspace package's build when running from sources. */
export const findDashboardDir = (): string | null => {
  const candidates = [new URL('../dashboard/', import.meta.url), new URL('../../../dashboard/dist/', import.meta.url)];
  for (const c of candidates) {
    const dir = fileURLToPath(c);
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
};

/** Serves the single-page app: files by path, index.html for every other page path (client-side routes). */
export const createStaticFiles = (dir: string | null) => {
  const cache = new Map<string, Buffer>();
  const read = (file: string): Buffer => {
    let body = cache.get(file);
    if (!body) cache.set(file, (body = readFileSync(file)));
    return body;
  };
  return (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    if (dir === null) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('The dashboard is not built. Run `npm run build` in the agent-trace workspace.\n');
      return;
    }
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '');
    } catch {
      rel = '';
    }
    let file = join(dir, rel);
    const inside = file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
    const isFile = inside && rel !== '' && existsSync(file) && statSync(file).isFile();
    if (!isFile) {
      if (rel.startsWith('assets/')) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
        res.end('not found\n');
        return;
      }
      file = join(dir, 'index.html');
    }
    const body = read(file);
    // Hashed asset names never change content: cache them; index.html always revalidates.
    const cacheControl = rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length, 'Cache-Control': cacheControl, ...SECURITY_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
};
