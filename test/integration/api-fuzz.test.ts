import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

/**
 * Property: whatever arrives — malformed, oversized, unicode-edge — every API route answers with a
 * response (never a hang) that is not a server error, and every refusal is problem+json.
 */
type Json = Record<string, any>;
let t: ReturnType<typeof createDbApp>;
let routes: { method: string; path: string; params: { name: string; in: string }[]; hasBody: boolean }[] = [];

// Routes that end the test's own session or reach the network are left out of the blind fuzzing.
const SKIP = new Set(['POST /auth/logout', 'POST /auth/password', 'DELETE /auth/sessions/{id}', 'POST /webhooks/{id}/test', 'PATCH /users/{id}']);

const edgeString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', '%00', '../../etc/passwd', '\u202e\u202d', '𠮷😀', 'NaN', '-1', '0', '1e309', '9'.repeat(40), "' OR 1=1 --", '<script>alert(1)</script>', '{{7*7}}', '%E0%A4%A'),
  fc.integer().map(String),
);
const body = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('{', '[', 'null', '"x"', '{"actor":', '\u0000', '{"from":"2026-02-30","to":"2026-13-01"}', '{"items":[{}]}'),
  fc.dictionary(fc.constantFrom('from', 'to', 'day', 'unitId', 'categoryKey', 'quantity', 'claim', 'name', 'items', 'status', 'format', 'content', 'scopes', 'role', 'page', 'q'), fc.oneof(fc.anything({ maxDepth: 2 }), edgeString)).map((o) => JSON.stringify(o)),
  fc.nat({ max: 3 }).map((n) => JSON.stringify({ big: 'x'.repeat(30_000 * (n + 1)) })),
);

beforeAll(async () => {
  t = createDbApp({ sources: [rssSource('forum')], tagger: { tag: () => ({ tags: [], score: 0, reasons: [] }) } });
  t.ingest.ingest([rawItem({ sourceId: 'forum', title: '小区停水', body: '今天停水' })]);
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as Json;
  routes = Object.entries(doc.paths as Json).flatMap(([path, ops]) =>
    Object.entries(ops as Json)
      .filter(([m]) => !SKIP.has(`${m.toUpperCase()} ${path}`))
      .map(([m, op]) => ({ method: m.toUpperCase(), path, params: ((op as Json).parameters ?? []) as Json[] as never, hasBody: Boolean((op as Json).requestBody) })),
  );
});
afterAll(() => t.db.close());

async function send(route: (typeof routes)[number], values: string[], query: [string, string][], payload: string) {
  let i = 0;
  const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[i++ % values.length] ?? 'x'));
  const qs = new URLSearchParams([...route.params.filter((p) => p.in === 'query').map((p, k) => [p.name, query[k]?.[1] ?? ''] as [string, string]), ...query]);
  const init: RequestInit = { method: route.method };
  if (!['GET', 'HEAD'].includes(route.method)) {
    init.body = payload;
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await Promise.race([
    t.app.request(`/api${path}?${qs}`, init),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${route.method} ${path} did not answer in 10 s`)), 10_000)),
  ]);
  const type = res.headers.get('content-type') ?? '';
  await res.body?.cancel();
  return { status: res.status, type };
}

describe('fuzzing every route', () => {
  it('answers malformed, oversized and unicode-edge input with a 4xx problem, never a 5xx or a hang', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.array(edgeString, { minLength: 1, maxLength: 3 }),
          fc.array(fc.tuple(fc.constantFrom('from', 'to', 'page', 'pageSize', 'q', 'unitId', 'kind', 'by', 'interval', 'format', 'day', 'hours'), edgeString), { maxLength: 4 }),
          body,
          async (values, query, payload) => {
            const r = await send(route, values, query, payload);
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            if (r.status >= 500) failures.push(`${route.method} ${route.path} → ${r.status} for ${JSON.stringify({ values, query, payload: payload.slice(0, 120) })}`);
            if (r.status >= 400 && !r.type.startsWith('application/problem+json')) failures.push(`${route.method} ${route.path} → ${r.status} as ${r.type}`);
            return r.status < 500;
          },
        ),
        { numRuns: 12, seed: 20261129, endOnFailure: true },
      ).catch(() => undefined);
    }
    // The inputs reached the routes' own validation and handlers, not just one blanket refusal.
    expect([...statuses.keys()].filter((s) => s === 400 || s === 422).length).toBe(2);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 240_000);
});
