import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../server/runtime';
import { MODEL_FILE } from '../../server/repositories/model-store';
import { rawItem, rssSource } from '../support/factories';
import { startTestMeili } from '../support/meili';
import { startTestRuntime } from '../support/runtime';

// The server's own tagger (lexicon, then a model taught by verdicts), real SQLite and Meilisearch.
let meili: Awaited<ReturnType<typeof startTestMeili>>;
let runtime: Runtime;
let dataDir: string;
type Json = Record<string, any>;

async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await runtime.app.request(url, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}
const idOf = (title: string) => runtime.db.prepare('SELECT id FROM items WHERE title = ?').pluck().get(title) as number;

beforeAll(async () => {
  meili = await startTestMeili();
  ({ runtime, dataDir } = await startTestRuntime({ meili, sources: [rssSource('forum')], learning: true }));
});
afterAll(async () => {
  await runtime?.close();
  await meili?.stop();
});

describe('the rumour desk over the real stack', () => {
  it('finds earlier and later copies of a confirmed rumour through the search engine, tagged known-rumor', async () => {
    await runtime.crawl.sink.ingest([
      rawItem({ sourceId: 'forum', title: '板蓝根', body: '速转！每天喝两包板蓝根可以预防流感，比打疫苗还管用' }),
      rawItem({ sourceId: 'forum', title: '板蓝根旧帖', body: '医生朋友说每天喝两包板蓝根可以预防流感，比打疫苗还管用，大家快去买' }),
    ]);
    const v = await call('POST', `/api/review/items/${idOf('板蓝根')}/verdict`, {
      verdict: 'confirmed-rumor',
      reviewer: '张编辑',
      addToLibrary: { claim: '每天喝两包板蓝根可以预防流感', category: 'health' },
    });
    expect(v.status).toBe(200);
    await runtime.services.jobs.waitIdle();
    await runtime.crawl.sink.ingest([
      rawItem({ sourceId: 'forum', title: '又一条', body: '家人们，每天喝两包板蓝根可以预防流感！😀 快转' }),
      // A reworded copy is close but not certain: suggested to the editor, not tagged.
      rawItem({ sourceId: 'forum', title: '改写', body: '听说每天喝两包板蓝根就能预防流感？' }),
    ]);
    expect(await runtime.sync.flush(30_000)).toBe(true);
    const found = await call('GET', `/api/items?q=${encodeURIComponent('板蓝根')}&tag=known-rumor`);
    expect(found.body.engine).toBe('search');
    expect(found.body.items.map((i: Json) => i.title).sort()).toEqual(['又一条', '板蓝根', '板蓝根旧帖'].sort());
    const sightings = await call('GET', `/api/library/${v.body.verdict.libraryId}/sightings`);
    expect(sightings.body.items.map((s: Json) => [s.title, s.kind]).sort()).toEqual(
      [
        ['又一条', 'confirmed'],
        ['改写', 'suggested'],
        ['板蓝根', 'manual'],
        ['板蓝根旧帖', 'confirmed'],
      ].sort(),
    );
    const queue = (await call('GET', '/api/review/queue')).body.items.map((i: Json) => i.title);
    expect(queue).toContain('改写');
    expect(queue).not.toContain('又一条');
  });

  it('trains a first model from editors’ verdicts, saves it under DATA_DIR and re-tags with it', async () => {
    const rumours = Array.from({ length: 22 }, (_, i) => `网传${i}号小区明天开始封控，只进不出，赶紧去超市囤货 ${i}`);
    const normal = Array.from({ length: 22 }, (_, i) => `${i}号小区本周六上午开展垃圾分类宣传活动，欢迎居民参加 ${i}`);
    await runtime.crawl.sink.ingest([
      ...rumours.map((body, i) => rawItem({ sourceId: 'forum', title: `r${i}`, body })),
      ...normal.map((body, i) => rawItem({ sourceId: 'forum', title: `n${i}`, body })),
    ]);
    expect(runtime.model!.hasModel()).toBe(false);
    for (let i = 0; i < 22; i++) {
      expect((await call('POST', `/api/review/items/${idOf(`r${i}`)}/verdict`, { verdict: 'confirmed-rumor', reviewer: '张编辑' })).status).toBe(200);
      expect((await call('POST', `/api/review/items/${idOf(`n${i}`)}/verdict`, { verdict: 'not-rumor', reviewer: '张编辑' })).status).toBe(200);
    }
    expect(runtime.model!.hasModel()).toBe(true);
    runtime.model!.flush();
    expect(fs.existsSync(path.join(dataDir, MODEL_FILE))).toBe(true);
    await runtime.services.jobs.waitIdle();
    const jobs = (await call('GET', '/api/jobs')).body;
    expect(jobs[0]).toMatchObject({ kind: 'retag', status: 'done' });
    expect(jobs[0].reason).toContain('first model');
    await runtime.crawl.sink.ingest([rawItem({ sourceId: 'forum', title: '新帖', body: '网传99号小区明天开始封控，只进不出' })]);
    const fresh = (await call('GET', `/api/items/${idOf('新帖')}`)).body;
    expect(fresh.reasons.map((r: Json) => r.code)).toContain('classifier');
    expect(fresh.tags).toContain('rumor-suspect');
  });
});
