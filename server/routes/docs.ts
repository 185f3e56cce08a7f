import { Hono } from 'hono';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileResponse, resolveInside } from '../http/static-files';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>API 文档 · 舆情监测与宣传工作看板</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/vendor/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/vendor/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

// A separate file rather than an inline script, so a strict Content-Security-Policy can forbid inline code.
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** OpenAPI browser served offline from the swagger-ui-dist package (no CDN). */
export function docsRoutes() {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const app = new Hono();
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/vendor/:file', (c) => {
    const name = c.req.param('file');
    if (!/^swagger-ui(-bundle\.js|\.css)$/.test(name)) return c.notFound();
    const file = resolveInside(dist, name);
    return file ? fileResponse(c, file, false) : c.notFound();
  });
  return app;
}
