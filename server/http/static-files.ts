import type { Context } from 'hono';
import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolves a URL path inside root, or null when it escapes root or names no file. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

export function fileResponse(c: Context, file: string, immutable: boolean): Response {
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return c.body(fs.readFileSync(file), 200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
}

/**
 * Serves a built single-page app: files as they are (hashed assets cached for good), any other
 * GET path answered with index.html so client-side routes survive a reload.
 */
export function spaHandler(root: string) {
  const absRoot = path.resolve(root);
  return (c: Context): Response => {
    const rel = c.req.path;
    const file = resolveInside(absRoot, rel);
    if (file) return fileResponse(c, file, rel.startsWith('/assets/'));
    const index = path.join(absRoot, 'index.html');
    if (!fs.existsSync(index)) {
      return c.text('The dashboard is not built: run "npm run build" (npm start builds it when missing).', 503);
    }
    return fileResponse(c, index, false);
  };
}
