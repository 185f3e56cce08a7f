import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClustersRepo } from '../../server/repositories/clusters-repo';
import { createClusterService } from '../../server/services/cluster-service';
import { createIngestService, type ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

const noTags: ItemTagger = { tag: () => ({ tags: [], score: 0, reasons: [] }) };

const RUMOUR =
  '听小区群里说，东城区人民街道的自来水这两天出现了很重的异味，已经有十几户居民喝了以后肚子疼去医院挂了急诊，' +
  '物业和自来水公司一直不给说法，电话也打不通。大家这几天先别喝自来水，赶紧去超市囤点矿泉水，做饭也用矿泉水，' +
  '把这个消息转给家里的老人和孩子，千万注意！';
const NOTICE =
  '西湖区教育局今天发布通知，全区中小学下周一起调整作息时间，上午第一节课推迟到八点二十分开始，午休延长半小时，' +
  '放学时间相应顺延。家长接送孩子时请注意学校门口的临时交通管制，服从交警和志愿者的指挥，不要在校门口长时间停车。';

// Collected on 3 June (Asia/Shanghai); the posts say they were published on 1 and 2 June.
const NOW = new Date('2024-06-03T02:00:00Z');
let t: ReturnType<typeof createDbApp>;
const ids: Record<string, number> = {};

async function json(res: Response) {
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, any> };
}

function idOf(title: string): number {
  const id = t.db.prepare('SELECT id FROM items WHERE title = ?').pluck().get(title) as number | undefined;
  if (id === undefined) throw new Error(`no item titled ${title}`);
  return id;
}

const original = rawItem({ sourceId: 'forum', title: '东城自来水出问题了', body: RUMOUR, publishedAt: '2024-06-01T09:00:00+08:00' });

beforeAll(() => {
  t = createDbApp({ sources: [rssSource('forum'), rssSource('weibo'), rssSource('gov', { kind: 'notice' })], tagger: noTags, now: () => NOW });
  t.ingest.ingest([original, rawItem({ sourceId: 'gov', title: '作息时间调整', body: NOTICE, publishedAt: '2024-06-01T08:00:00+08:00' })]);
  // A later batch: reposts with small edits, one of them reposting another repost of the same batch.
  t.ingest.ingest([
    rawItem({ sourceId: 'weibo', title: '转发：东城自来水出问题了', body: RUMOUR.replace('十几户', '二十多户'), publishedAt: '2024-06-02T10:00:00+08:00' }),
    rawItem({ sourceId: 'weibo', title: '东城自来水😡😡', body: RUMOUR.replace('物业', '物业😡').replace('千万注意', '切记切记'), publishedAt: '2024-06-02T11:00:00+08:00' }),
    rawItem({ sourceId: 'forum', title: '【扩散】东城自来水', body: `${RUMOUR.slice(0, 120)}不转不是中国人！`, publishedAt: '2024-06-02T12:00:00+08:00' }),
    // An exact repost: same content under another URL (dropped as a duplicate, remembered as an alias).
    { ...original, url: 'https://example.test/weibo/exact-repost', sourceId: 'weibo' },
    rawItem({ sourceId: 'forum', title: '短', body: '网传明天封城' }),
  ]);
  for (const title of ['东城自来水出问题了', '作息时间调整', '转发：东城自来水出问题了', '东城自来水😡😡', '【扩散】东城自来水', '短']) ids[title] = idOf(title);
});
afterAll(() => t.db.close());

describe('near-duplicate clusters', () => {
  it('groups reposts with small edits under the first item, counting the exact repost in the size', async () => {
    const r = await json(await t.app.request('/api/items?pageSize=50'));
    const byTitle = new Map(r.body.items.map((i: { title: string }) => [i.title, i]));
    const root = ids['东城自来水出问题了']!;
    for (const title of ['东城自来水出问题了', '转发：东城自来水出问题了', '东城自来水😡😡', '【扩散】东城自来水']) {
      expect(byTitle.get(title)).toMatchObject({ clusterId: root, clusterSize: 5 });
    }
    expect(byTitle.get('作息时间调整')).toMatchObject({ clusterId: ids['作息时间调整'], clusterSize: 1 });
    expect(byTitle.get('短')).toMatchObject({ clusterId: ids['短'], clusterSize: 1 });
    const one = await json(await t.app.request(`/api/items/${ids['东城自来水😡😡']}`));
    expect(one.body).toMatchObject({ clusterId: root, clusterSize: 5 });
  });

  it('lists the cluster oldest first with its exact reposts, first-seen time and counts per day', async () => {
    const r = await json(await t.app.request(`/api/items/${ids['【扩散】东城自来水']}/cluster`));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      clusterId: ids['东城自来水出问题了'],
      size: 5,
      items: 4,
      exactReposts: 1,
      firstSeenAt: '2024-06-01T01:00:00.000Z',
      lastSeenAt: NOW.toISOString(),
      truncated: false,
    });
    expect(r.body.members.map((m: { title: string }) => m.title)).toEqual(['东城自来水出问题了', '转发：东城自来水出问题了', '东城自来水😡😡', '【扩散】东城自来水']);
    expect(r.body.members[0]).toMatchObject({
      id: ids['东城自来水出问题了'],
      url: original.url,
      sourceId: 'forum',
      sourceName: '来源 forum',
      publishedAt: '2024-06-01T01:00:00.000Z',
      collectedAt: NOW.toISOString(),
      exactReposts: [{ url: 'https://example.test/weibo/exact-repost', sourceId: 'weibo', sourceName: '来源 weibo', seenAt: NOW.toISOString() }],
    });
    expect(r.body.members[1].exactReposts).toEqual([]);
    expect(r.body.perDay).toEqual([
      { day: '2024-06-01', items: 1, exactReposts: 0, total: 1, cumulative: 1 },
      { day: '2024-06-02', items: 3, exactReposts: 0, total: 3, cumulative: 4 },
      { day: '2024-06-03', items: 0, exactReposts: 1, total: 1, cumulative: 5 },
    ]);
  });

  it('truncates the member list at `limit` but keeps whole-cluster counts', async () => {
    const r = await json(await t.app.request(`/api/items/${ids['东城自来水出问题了']}/cluster?limit=2`));
    expect(r.body.members).toHaveLength(2);
    expect(r.body).toMatchObject({ size: 5, truncated: true });
    expect(r.body.perDay.at(-1).cumulative).toBe(5);
  });

  it('answers a cluster of one for an item nothing repeats', async () => {
    const r = await json(await t.app.request(`/api/items/${ids['作息时间调整']}/cluster`));
    expect(r.body).toMatchObject({ clusterId: ids['作息时间调整'], size: 1, items: 1, exactReposts: 0 });
    expect(r.body.members.map((m: { id: number }) => m.id)).toEqual([ids['作息时间调整']]);
  });

  it('answers unknown items with 404 and bad input with 400, as problem+json', async () => {
    const missing = await json(await t.app.request('/api/items/999999/cluster'));
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
    expect(missing.body.code).toBe('not_found');
    const badId = await json(await t.app.request('/api/items/abc/cluster'));
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].path).toBe('id');
    const badLimit = await json(await t.app.request(`/api/items/${ids['作息时间调整']}/cluster?limit=0`));
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.errors[0].path).toBe('limit');
  });

  it('describes the route in the OpenAPI document', async () => {
    const doc = await json(await t.app.request('/api/openapi.json'));
    expect(doc.body.paths['/items/{id}/cluster']?.get).toBeTruthy();
  });

  it('stores an item, its cluster and its signature together, and indexes it only after commit', () => {
    const before = { items: t.items.countItems(), indexed: t.clusters.index.size };
    const at = NOW.toISOString();
    const item = (n: number) => ({
      sourceId: 'forum',
      kind: 'post' as const,
      url: `https://example.test/rolled-back/${n}`,
      title: `回滚 ${n}`,
      body: RUMOUR.replace('东城区', `第${n}区`),
      author: null,
      contentHash: `${n}`.padStart(64, 'f'),
      publishedAt: null,
      publishedPrecision: null,
      collectedAt: at,
      sortAt: at,
      day: '2024-06-03',
      tags: [],
      score: 0,
      reasons: [],
    });
    const batch = [item(1), item(2)];
    const placement = t.clusters.prepareBatch(batch);
    expect(() =>
      t.items.insertMany(batch, (id, n) => {
        placement.place(id, n);
        if (n === 1) throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(t.items.countItems()).toBe(before.items);
    expect(t.clusters.index.size).toBe(before.indexed);
    expect(t.db.prepare('SELECT count(*) FROM item_signatures WHERE item_id NOT IN (SELECT id FROM items)').pluck().get()).toBe(0);
  });

  it('rebuilds the index from stored signatures, so a later repost joins the old cluster', () => {
    const restarted = createClusterService({ clusters: createClustersRepo(t.db) });
    expect(restarted.rebuild()).toEqual({ indexed: 5, signed: 0, joined: 0, pruned: 0 });
    const ingest = createIngestService({ items: t.items, sources: t.sources, tagger: noTags, clusters: restarted, now: () => NOW });
    ingest.ingest([rawItem({ sourceId: 'weibo', title: '重启后的转发', body: `转：${RUMOUR.replace('矿泉水', '纯净水')}` })]);
    const item = t.items.getItem(idOf('重启后的转发'))!;
    expect(item).toMatchObject({ clusterId: ids['东城自来水出问题了'], clusterSize: 6 });
  });

  it('signs and clusters items stored before clustering existed, at start-up', () => {
    // What 0003_clusters.sql leaves for older items: a cluster of one each and no signature.
    t.db.exec('UPDATE items SET cluster_id = id; DELETE FROM item_signatures;');
    expect(t.items.getItem(ids['东城自来水😡😡']!)).toMatchObject({ clusterId: ids['东城自来水😡😡'], clusterSize: 1 });
    const restarted = createClusterService({ clusters: createClustersRepo(t.db) });
    expect(restarted.rebuild()).toEqual({ indexed: 0, signed: 7, joined: 4, pruned: 0 });
    const root = ids['东城自来水出问题了']!;
    expect(t.items.getItem(ids['东城自来水😡😡']!)).toMatchObject({ clusterId: root, clusterSize: 6 });
    expect(t.items.getItem(ids['作息时间调整']!)).toMatchObject({ clusterId: ids['作息时间调整'], clusterSize: 1 });
    // The next start finds every signature in place.
    expect(createClusterService({ clusters: createClustersRepo(t.db) }).rebuild()).toEqual({ indexed: 6, signed: 0, joined: 0, pruned: 0 });
  });

  it('keeps signatures only for the window the index holds, and never re-clusters pruned items', () => {
    const clusterIds = () => t.db.prepare('SELECT id, cluster_id FROM items ORDER BY id').all();
    const before = clusterIds();
    const small = createClusterService({ clusters: createClustersRepo(t.db), maxItems: 3 });
    // The newest three items; one of them ("短") is too short to have a signature worth indexing.
    expect(small.rebuild()).toEqual({ indexed: 2, signed: 0, joined: 0, pruned: 4 });
    expect(small.index.size).toBe(2);
    const kept = t.db.prepare("SELECT count(*) FROM item_signatures WHERE scheme <> 'pruned'").pluck().get();
    expect(kept).toBe(3);
    // A later start with a larger window re-signs the pruned items but leaves their clusters alone.
    expect(createClusterService({ clusters: createClustersRepo(t.db) }).rebuild()).toEqual({ indexed: 2, signed: 4, joined: 0, pruned: 0 });
    expect(clusterIds()).toEqual(before);
  });
});
