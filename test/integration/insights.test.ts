import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

const tagger: ItemTagger = { tag: () => ({ tags: [], score: 0, reasons: [] }) };
const NOW = Date.parse('2026-11-22T04:30:00Z');
const HOUR = 3_600_000;
let t: ReturnType<typeof createDbApp>;
type Json = Record<string, any>;
const get = async (url: string) => (await (await t.app.request(url)).json()) as Json;
const ago = (hours: number) => new Date(NOW - hours * HOUR).toISOString();
const at = (hours: number, sourceId: string, body: string) => rawItem({ sourceId, body, title: body.slice(0, 12), publishedAt: ago(hours), fetchedAt: ago(hours) });

const RUMOUR = '网传阳光花园小区明天全天停水，请大家提前储水，转给邻居';

beforeAll(() => {
  t = createDbApp({ sources: [rssSource('forum'), rssSource('weibo', { name: '微博' })], tagger, now: () => new Date(NOW) });
  // The week before: the weather every day, the school canteen twice.
  const week = Array.from({ length: 7 }, (_, d) => at(30 + d * 24, 'forum', `今天天气晴朗，气温回升，适合户外活动 第${d}天`));
  t.ingest.ingest([...week, at(50, 'forum', '学校食堂饭菜质量引发家长关注'), at(80, 'forum', '学校食堂整改情况通报')]);
  // The last day: a water-cut rumour spreading in copies, and the usual weather.
  t.ingest.ingest([
    at(5, 'forum', RUMOUR),
    at(4, 'weibo', `转发：${RUMOUR}！！`),
    at(3, 'weibo', `${RUMOUR}😱`),
    at(2, 'forum', '物业回应：停水是因为管道检修，仅影响上午'),
    // A related story in other words, itself repeated: it joins the rumour's event.
    at(4, 'forum', '阳光花园小区明天全天停水，物业提醒大家提前储水'),
    at(3, 'weibo', '转发：阳光花园小区明天全天停水，物业提醒大家提前储水'),
    at(1, 'forum', '停水期间的送水安排'),
    at(6, 'forum', '今天天气晴朗，气温回升，注意防晒'),
    at(7, 'forum', '明天气温下降，局部有小雨'),
  ]);
});
afterAll(() => t.db.close());

describe('hot words', () => {
  it('ranks a word that appeared this day above one that is always there, and lists both in the cloud', async () => {
    const r = await get('/api/trends/hot-words?hours=24');
    expect(r.to).toBe('2026-11-22T05:00:00.000Z');
    const rising = r.rising.map((w: Json) => w.word);
    expect(rising[0]).toBe('停水');
    expect(rising).not.toContain('气温');
    expect(r.rising.find((w: Json) => w.word === '停水')).toMatchObject({ count: 7, baselineCount: 0 });
    const cloud = Object.fromEntries(r.cloud.map((w: Json) => [w.word, w.count]));
    expect(cloud['停水']).toBe(7);
    expect(cloud['气温']).toBe(2);
  });
});

describe('events', () => {
  it('lists a story repeated across items, with closely related stories folded in, its first sighting, growth curve and sources', async () => {
    const r = await get('/api/trends/events?hours=24');
    expect(r.events).toHaveLength(1);
    const e = r.events[0];
    expect(e.clusters).toHaveLength(2);
    expect(e).toMatchObject({ recent: 5, previous: 0, size: 5, sourceCount: 2, firstSeenAt: ago(5) });
    expect(e.sources.sort()).toEqual(['微博', '来源 forum'].sort());
    expect(e.title).toBe(RUMOUR.slice(0, 12));
    expect(e.curve).toHaveLength(24);
    expect(e.curve.reduce((a: number, b: number) => a + b, 0)).toBe(5);
  });
});

describe('information voids through ingest', () => {
  it('lists a question the public keeps asking that no notice answers', async () => {
    t.ingest.ingest([
      at(3, 'forum', '请问哪里可以打流感疫苗？家里老人想打'),
      at(2, 'weibo', '有人知道哪里可以打流感疫苗吗'),
    ]);
    const r = await get('/api/voids?hours=24&status=unanswered');
    const flu = r.voids.find((v: Json) => v.question.includes('流感疫苗'));
    expect(flu).toMatchObject({ count: 2, status: 'unanswered', answer: null });
  });
});
