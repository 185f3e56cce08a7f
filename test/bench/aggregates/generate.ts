/**
 * Fills a fresh database (real schema, real triggers) with N synthetic items spread over the year
 * before `now`: 12 sources of three kinds, sentiment, 8 % suspected rumours, 6 monitoring topics holding
 * about a quarter of the items, 5 % reposts joining earlier clusters, keywords per hour, 200 known
 * rumours with rebuttals. Content does not matter for aggregates; distributions do.
 */
import crypto from 'node:crypto';
import type { Db } from '../../../server/db/open-database';
import { shanghaiDay } from '../../../server/lib/time';
import { createRng } from '../../support/rng';

const HOUR = 3_600_000;
const WORDS = ['停水', '地铁', '流感', '疫苗', '物价', '暴雨', '学校', '医院', '交通', '燃气', '供暖', '菜价', '拆迁', '社保', '招聘', '养老'];
/** Characters the long-tail vocabulary of `stories` mode is made of (two-character pseudo-words). */
const SYLLABLES = '安北产长城春村大道地东电动发法防房风服港工公共管光广国海和河华化话环黄火机家建江交教街金京警局开科口老乐理力粮林龙路民南农平桥青区人日山商社生市水税四通文物西乡小新学业医银园政中';

export interface GenerateOptions {
  /**
   * Realistic stories and words, for the endpoints that read them (events, hot words): 15 % of items
   * repost an earlier story within a day of it, popular stories drawing more reposts; each item
   * carries 8 keywords from a Zipf-like vocabulary of ~8,000 words. Off: the original distribution
   * (5 % reposts stamped at random times, 2 keywords from 16 words), which the load and report
   * benchmarks' published figures were measured on.
   */
  stories?: boolean;
}

export function generate(db: Db, n: number, nowMs: number, opts: GenerateOptions = {}): void {
  const r = createRng(11);
  const vocabulary = opts.stories ? [...WORDS, ...[...SYLLABLES].flatMap((a) => [...SYLLABLES].map((b) => a + b))] : WORDS;
  // u^3 puts most draws at the front: a few words are everywhere, most are rare.
  const zipfWord = () => vocabulary[Math.floor(vocabulary.length * r.next() ** 3)]!;
  const leads: { id: number; t: number }[] = [];
  const at = new Date(nowMs).toISOString();
  const sources = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, kind: i < 3 ? 'notice' : i < 6 ? 'news' : 'post' }));
  const src = db.prepare(
    `INSERT INTO sources (id, name, kind, type, url, schedule, enabled, config_json, updated_at) VALUES (?, ?, ?, 'rss', ?, '*/10 * * * *', 1, '{}', ?)`,
  );
  for (const s of sources) src.run(s.id, `来源${s.id}`, s.kind, `https://example.test/${s.id}.xml`, at);
  const topic = db.prepare(
    `INSERT INTO topics (name, include_all_json, include_any_json, exclude_json, source_ids_json, kinds_json, created_by, created_at, updated_at, matched_at)
     VALUES (?, '[]', ?, '[]', '[]', '[]', 'bench', ?, ?, ?)`,
  );
  for (let t = 0; t < 6; t++) topic.run(`专题${t}`, JSON.stringify([WORDS[t]]), at, at, at);

  const item = db.prepare(
    `INSERT INTO items (source_id, kind, url, title, body, author, content_hash, published_at, collected_at, sort_at, day, score,
       reasons_json, tagged_at, cluster_id, sentiment, sentiment_confidence, sentiment_source)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, 0.8, 'model')`,
  );
  const tag = db.prepare('INSERT INTO item_tags (item_id, tag) VALUES (?, ?)');
  const member = db.prepare('INSERT INTO item_topics (topic_id, item_id, sort_at) VALUES (?, ?, ?)');
  const kw = db.prepare(`INSERT INTO keyword_hourly (hour, word, n) VALUES (?, ?, 1) ON CONFLICT (hour, word) DO UPDATE SET n = n + 1`);
  const span = 365 * 24 * HOUR;
  const recent: number[] = [];
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      // Volume grows through the year: the density of ages 1 − √u falls linearly from twice the
      // year's average today to nothing a year ago. (It was span·√u, the reverse: the recent end,
      // which dashboards read most, was nearly empty.)
      let t = nowMs - span * (1 - Math.sqrt(r.next()));
      const s = r.pick(sources);
      const word = r.pick(WORDS);
      const id = i + 1;
      let repost: boolean;
      let cluster = id;
      if (opts.stories) {
        // A repost of one of the last 200 stories (the newest most often), up to a day after it.
        repost = leads.length > 0 && r.next() < 0.15;
        if (repost) {
          const lead = leads[Math.floor(leads.length * r.next() ** 2)]!;
          cluster = lead.id;
          t = Math.min(nowMs - 1, lead.t + r.next() * r.next() * 24 * HOUR);
        } else {
          leads.unshift({ id, t });
          if (leads.length > 200) leads.pop();
        }
      } else {
        repost = recent.length > 0 && r.next() < 0.05;
        if (repost) cluster = recent[r.int(recent.length)]!;
        else if (nowMs - t < 48 * HOUR) {
          recent.push(id);
          if (recent.length > 500) recent.shift();
        }
      }
      const iso = new Date(t).toISOString();
      const sentiment = r.next() < 0.25 ? 'neg' : r.next() < 0.3 ? 'pos' : 'neutral';
      const hash = crypto.createHash('sha256').update(String(id)).digest('hex');
      item.run(s.id, s.kind, `https://example.test/i/${id}`, `${word}相关信息 ${id}`, `${word} 正文 ${id}`, hash, iso, iso, iso, shanghaiDay(t),
        r.next(), iso, cluster, sentiment);
      if (r.next() < 0.08) tag.run(id, 'rumor-suspect');
      if (s.kind === 'notice' && r.next() < 0.3) tag.run(id, 'rebuttal');
      const w = WORDS.indexOf(word);
      if (w < 6) member.run(w + 1, id, iso);
      kw.run(iso.slice(0, 13), word);
      if (opts.stories) for (let k = 1; k < 8; k++) kw.run(iso.slice(0, 13), zipfWord());
      else kw.run(iso.slice(0, 13), r.pick(WORDS));
    }
  });
  for (let from = 0; from < n; from += 20_000) batch(from, Math.min(n, from + 20_000));

  const lib = db.prepare(
    `INSERT INTO rumour_library (claim, category, first_seen_at, confirmed_at, created_by, created_at, updated_at) VALUES (?, 'other', ?, ?, 'bench', ?, ?)`,
  );
  const reb = db.prepare(
    `INSERT INTO rebuttals (title, text, channels_json, published_at, created_by, created_at, updated_at) VALUES (?, ?, '["own-media"]', ?, 'bench', ?, ?)`,
  );
  const link = db.prepare('INSERT INTO rebuttal_claims (rebuttal_id, library_id) VALUES (?, ?)');
  db.transaction(() => {
    for (let k = 0; k < 200; k++) {
      const t = new Date(nowMs - r.int(365 * 24) * HOUR).toISOString();
      const libId = Number(lib.run(`谣言 ${k}`, t, t, t, t).lastInsertRowid);
      if (r.next() < 0.7) link.run(Number(reb.run(`辟谣 ${k}`, `辟谣 ${k}`, t, t, t).lastInsertRowid), libId);
    }
  })();
}
