import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/open-database';
import { createRouter } from '../../server/http/openapi-app';
import { createErrorHandler } from '../../server/http/problem';
import { shanghaiDay } from '../../server/lib/time';
import { createItemsRepo, type NewItem } from '../../server/repositories/items-repo';
import { createQuestionsRepo } from '../../server/repositories/questions-repo';
import { createSourcesRepo } from '../../server/repositories/sources-repo';
import { voidsRoutes } from '../../server/routes/voids';
import { createVoidsService, type VoidsService } from '../../server/services/voids-service';
import { rssSource } from '../support/factories';
import { tempDir } from '../support/meili';

const NOW = Date.parse('2026-11-22T04:30:00Z');
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW - hours * HOUR).toISOString();
type Json = Record<string, any>;

let dir: string;
let db: Db;
let voids: VoidsService;
let app: ReturnType<typeof createRouter>;
let store: (sourceId: string, kind: NewItem['kind'], hoursAgo: number, body: string) => number;
let seq = 0;

const get = async (url: string) => {
  const res = await app.request(url);
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
};
const byQuestion = (list: Json, q: string) => list.voids.find((v: Json) => v.question === q || v.variants.includes(q));

const FLU = '哪里可以打流感疫苗？';
const METRO = '地铁九号线什么时候开通？';
const SCHOOL = '青年路小学要拆迁吗？';
let fluIds: number[] = [];

beforeAll(() => {
  dir = tempDir('voids');
  db = openDatabase(path.join(dir, 'voids.db'));
  createSourcesRepo(db).syncSources(
    [rssSource('forum'), rssSource('gov', { name: '区政府网', kind: 'notice' }), rssSource('paper', { name: '晚报', kind: 'news' })],
    new Date(NOW).toISOString(),
  );
  const items = createItemsRepo(db, () => new Date(NOW));
  voids = createVoidsService({ questions: createQuestionsRepo(db), cacheMs: 0, now: () => new Date(NOW) });
  app = createRouter().route('/', voidsRoutes(voids));
  app.onError(createErrorHandler({ error: () => {} }));
  // What ingest does with the step: extract before the insert, record inside its transaction.
  store = (sourceId, kind, hoursAgo, body) => {
    const sortAt = ago(hoursAgo);
    const n = ++seq;
    const questions = voids.step.extract({ title: body.slice(0, 10), body, kind });
    const item: NewItem = {
      sourceId, kind, url: `https://example.test/${n}`, title: body.slice(0, 10), body, author: null, contentHash: `h${n}`,
      publishedAt: sortAt, publishedPrecision: null, collectedAt: sortAt, sortAt, day: shanghaiDay(sortAt), tags: [], score: 0, reasons: [],
    };
    const [id] = items.insertMany([item], (itemId) => voids.step.record(itemId, questions, sortAt));
    return id!;
  };

  // The district's other notices of the past weeks: the pool answers are weighed in.
  const topics = ['垃圾分类宣传周活动', '中山路道路施工', '冬季供暖调试', '老旧小区加装电梯', '社区图书馆开放时间调整', '防范电信诈骗',
    '农贸市场改造', '公交线路调整', '义务献血活动', '森林防火', '居民医保缴费', '文明养犬', '燃气安全检查', '冬季道路除冰',
    '消防安全演练', '退役军人优待', '老年人助餐服务', '违章停车整治', '校园周边交通管理', '河道清淤工程'];
  topics.forEach((t, i) => store('gov', 'notice', 50 + i * 12, `关于${t}的通知：请广大居民知悉并配合，具体安排见附件`));
  // A notice about the metro published ten days ago is too early to answer this week's question.
  store('gov', 'notice', 240, '关于地铁九号线施工期间交通组织的通告：九号线开通前，沿线道路实行交通管制');
  // Flu vaccine: asked five times today (in two wordings), once the day before.
  fluIds = [
    store('forum', 'post', 2, `@清河发布 ${FLU}孩子发烧刚好😷`),
    store('forum', 'post', 3, `请问${FLU}`),
    store('forum', 'post', 5, `${FLU}跑了两家医院都说没有了 https://t.cn/x1`),
    store('forum', 'post', 8, '家里老人想打疫苗。流感疫苗在哪里打？'),
    store('forum', 'post', 20, `有人知道${FLU}`),
  ];
  store('forum', 'post', 30, '流感疫苗在哪里打啊');
  // Metro: asked four times the day before, twice today: shrinking.
  for (const h of [26, 28, 33, 40]) store('forum', 'post', h, `${METRO}等了好久`);
  store('forum', 'post', 4, METRO);
  store('forum', 'post', 6, '九号线什么时候开通啊？上班太远了');
  // Questions about other things, with the same question words: they stay apart.
  store('forum', 'post', 7, '哪里可以办社保卡？');
  store('forum', 'post', 9, '什么时候开学？');
  // A rumour the desk has rebutted in its library, asked about twice.
  store('forum', 'post', 10, '听说青年路小学要拆迁是不是真的？');
  store('forum', 'post', 12, '青年路小学要拆迁吗');
  // Not questions, or not from the public: nothing to list.
  store('forum', 'post', 3, '今天天气真好！出去走走。');
  store('paper', 'news', 1, '流感疫苗什么时候到货？记者采访了区卫健委');
  // Older than both windows.
  store('forum', 'post', 60, '哪里可以打流感疫苗？');
});

afterAll(() => {
  db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('information voids', () => {
  it('lists rising questions with no answer, grouped by what they ask, fastest growing first', async () => {
    const r = await get('/voids?hours=24&status=unanswered');
    expect(r).toMatchObject({ from: ago(24), to: ago(0), previousFrom: ago(48), truncated: false });
    // The school: two items, none before (2·ln 3); the metro: two, four before (2·ln 1.4).
    expect(r.voids.map((v: Json) => v.question)).toEqual([FLU, SCHOOL, METRO]);
    const [flu, school, metro] = r.voids;
    expect(school).toMatchObject({ count: 2, previousCount: 0, variants: ['青年路小学要拆迁是不是真的？'] });
    expect(flu).toMatchObject({ status: 'unanswered', answer: null, count: 5, previousCount: 1, firstSeenAt: ago(30), lastSeenAt: ago(2) });
    expect([...flu.variants].sort()).toEqual(['流感疫苗在哪里打啊？', '流感疫苗在哪里打？'].sort());
    expect(flu.growth).toBeCloseTo(5 * Math.log1p(5 / 2), 3);
    expect(flu.itemIds).toEqual([...fluIds].sort((a, b) => b - a));
    expect(metro).toMatchObject({ count: 2, previousCount: 4, status: 'unanswered' });
    expect(metro.variants).toEqual(['九号线什么时候开通啊？']);
    expect(metro.growth).toBeCloseTo(2 * Math.log1p(2 / 5), 3);
  });

  it('keeps questions about other things apart and leaves out those asked by one item', async () => {
    expect((await get('/voids?hours=24')).voids).toHaveLength(3);
    const all = await get('/voids?hours=24&minItems=1');
    const questions = all.voids.map((v: Json) => v.question);
    expect(questions).toEqual(expect.arrayContaining(['哪里可以办社保卡？', '什么时候开学？']));
    expect(all.voids).toHaveLength(5);
    expect(byQuestion(all, '哪里可以办社保卡？')).toMatchObject({ count: 1, previousCount: 0 });
  });

  it('counts only the window asked for', async () => {
    const r = await get('/voids?hours=6');
    expect(byQuestion(r, FLU)).toMatchObject({ count: 3, previousCount: 1 });
  });

  it('moves a void to answered once an official notice covering it is stored, with the notice linked', async () => {
    const noticeId = store('gov', 'notice', 1, '关于流感疫苗接种点的公告：全区各社区卫生服务中心均可接种流感疫苗，请携带身份证预约');
    const r = await get('/voids?hours=24');
    expect(r.voids.map((v: Json) => [v.question, v.status])).toEqual([
      [SCHOOL, 'unanswered'],
      [METRO, 'unanswered'],
      [FLU, 'answered'],
    ]);
    const flu = r.voids[2];
    expect(flu.answer).toMatchObject({ itemId: noticeId, rebuttalId: null, libraryId: null, sourceName: '区政府网', publishedAt: ago(1) });
    expect(flu.answer.score).toBeGreaterThanOrEqual(0.4);
    expect(flu.answer.phrases).toContain('流感疫苗');
    expect((await get('/voids?hours=24&status=unanswered')).voids.map((v: Json) => v.question)).toEqual([SCHOOL, METRO]);
    expect((await get('/voids?hours=24&status=answered')).voids.map((v: Json) => v.question)).toEqual([FLU]);
  });

  it('counts a published rebuttal record as an answer', async () => {
    db.prepare(
      `INSERT INTO rebuttals (title, text, url, channels_json, published_at, created_by, created_at, updated_at)
       VALUES (?, ?, NULL, '[]', ?, 'editor', ?, ?)`,
    ).run('地铁九号线开通时间说明', '网传地铁九号线本月开通不实，九号线预计明年六月开通，以官方公告为准。', ago(0.5), ago(0.5), ago(0.5));
    const metro = byQuestion(await get('/voids?hours=24'), METRO);
    expect(metro.status).toBe('answered');
    expect(metro.answer).toMatchObject({ itemId: null, sourceName: '辟谣记录' });
    expect(metro.answer.rebuttalId).toBeGreaterThan(0);
  });

  it("counts a library entry's rebuttal text as an answer", async () => {
    const id = db
      .prepare(
        `INSERT INTO rumour_library (claim, category, rebuttal_text, first_seen_at, confirmed_at, created_by, created_at, updated_at)
         VALUES (?, 'other', ?, ?, ?, 'editor', ?, ?)`,
      )
      .run('青年路小学要拆迁', '经核实，青年路小学不拆迁，正常教学。', ago(3), ago(3), ago(3), ago(3)).lastInsertRowid;
    const school = byQuestion(await get('/voids?hours=24'), SCHOOL);
    expect(school).toMatchObject({ status: 'answered', count: 2 });
    expect(school.answer).toMatchObject({ libraryId: Number(id), itemId: null, rebuttalId: null, sourceName: '谣言库' });
  });

  it('refuses a bad query with a problem naming the field', async () => {
    for (const q of ['status=maybe', 'hours=0', 'hours=9999', 'limit=0']) {
      const res = await app.request(`/voids?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});
