import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rssSource } from '../support/factories';

const tagger: ItemTagger = { tag: () => ({ tags: [], score: 0, reasons: [] }) };
let t: ReturnType<typeof createDbApp>;
type Json = Record<string, any>;
async function call(method: string, url: string, body?: unknown) {
  const res = await t.app.request(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  return { status: res.status, body: (await res.json()) as Json };
}

beforeAll(() => {
  t = createDbApp({ sources: [rssSource('forum')], tagger, now: () => new Date('2026-11-22T04:00:00Z') });
});
afterAll(() => t.db.close());

describe('the outreach ledger in the server', () => {
  it('serves its routes, and takes an import file larger than the API’s usual 64 KB body limit', async () => {
    const unit = await call('POST', '/api/ledger/units', { name: '东城街道', kind: 'street', actor: '宣传委员' });
    expect(unit.status).toBe(201);
    const rows = Array.from({ length: 3_000 }, (_, i) => `2026-11-${String(1 + (i % 20)).padStart(2, '0')},东城街道,入户宣传走访,${i + 1},第${i}批入户宣传`);
    const csv = ['日期,单位,类别,数量,备注', ...rows].join('\n');
    expect(csv.length).toBeGreaterThan(64 * 1024);
    const preview = await call('POST', '/api/ledger/import', { format: 'csv', content: csv, actor: '宣传委员', dryRun: true });
    expect(preview.status).toBe(200);
    const real = await call('POST', '/api/ledger/import', { format: 'csv', content: csv, actor: '宣传委员' });
    expect(real.status).toBe(200);
    const totals = (await call('GET', '/api/ledger/totals?from=2026-11-01&to=2026-11-22')).body;
    const visits = totals.totals.find((c: Json) => c.key === 'household-visits');
    expect(visits).toMatchObject({ quantity: (3_000 * 3_001) / 2, entries: 3_000 });
  });
});
