import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/open-database';
import { createEventsRepo } from '../../server/repositories/events-repo';
import { createKeywordsRepo } from '../../server/repositories/keywords-repo';
import { createClusterHours, createKeywordHours } from '../../server/services/insight-hours';
import { generate } from '../bench/aggregates/generate';
import { tempDir } from '../support/meili';

/**
 * Hot words and events sum per-hour counts in memory (insight-hours.ts); these compare them with
 * the same question asked of SQL in one statement, over generated stories and words, for windows of
 * every kind, and after posts arrive in the hour in progress and late in a closed hour.
 */
const HOUR = 3_600_000;
const GENERATED_AT = Date.parse('2026-11-22T04:00:00Z');
let db: Db;
const nowMs = GENERATED_AT + 20 * 60_000;
const now = () => nowMs;
const windowEnd = () => Math.ceil(nowMs / HOUR) * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const itemsPerHour = (fromMs: number, toMs: number) => createKeywordsRepo(db).itemsPerHour(iso(fromMs), iso(toMs));

beforeAll(() => {
  db = openDatabase(path.join(tempDir('insight-hours'), 'app.db'));
  generate(db, 30_000, GENERATED_AT, { stories: true });
});
afterAll(() => db.close());

function sqlGrowing(hours: number) {
  const to = windowEnd();
  const mid = to - hours * HOUR;
  return createEventsRepo(db)
    .growing(iso(mid - hours * HOUR), iso(mid), iso(to), 2)
    .sort((a, b) => a.id - b.id);
}
function sqlKeywords(fromMs: number, toMs: number) {
  const rows = db
    .prepare('SELECT word, sum(n) AS n FROM keyword_hourly WHERE hour >= ? AND hour < ? GROUP BY word')
    .all(iso(fromMs).slice(0, 13), iso(toMs).slice(0, 13)) as { word: string; n: number }[];
  return new Map(rows.map((r) => [r.word, r.n]));
}
function sqlItems(fromMs: number, toMs: number) {
  return db
    .prepare(`SELECT coalesce(sum(n), 0) FROM trend_hourly WHERE dim = 'all' AND hour >= ? AND hour < ?`)
    .pluck()
    .get(iso(fromMs).slice(0, 13), iso(toMs).slice(0, 13)) as number;
}
const WINDOWS = [1, 2, 6, 24, 25, 72, 168, 335, 336];

describe('events from per-hour cluster counts', () => {
  it('finds the same growing clusters with the same counts as one SQL statement, for every window', () => {
    const clusters = createClusterHours(createEventsRepo(db), itemsPerHour, now);
    let withStories = 0;
    let withPrevious = 0;
    for (const hours of WINDOWS) {
      const to = windowEnd();
      const mid = to - hours * HOUR;
      const mine = clusters.growing(mid - hours * HOUR, mid, to, 2).sort((a, b) => a.id - b.id);
      expect(mine, `${hours} h`).toEqual(sqlGrowing(hours));
      if (mine.length > 0) withStories++;
      if (mine.some((r) => r.previous > 0)) withPrevious++;
    }
    // The comparison is over real stories, some growing from earlier items, not over empty windows.
    expect(withStories).toBeGreaterThanOrEqual(5);
    expect(withPrevious).toBeGreaterThanOrEqual(1);
  });

  it('counts a repost in the hour in progress, and one collected late into a closed hour, at once', () => {
    const clusters = createClusterHours(createEventsRepo(db), itemsPerHour, now);
    const to = windowEnd();
    const before = clusters.growing(to - 48 * HOUR, to - 24 * HOUR, to, 2);
    const story = before.sort((a, b) => b.recent - a.recent)[0]!;
    const repost = db.prepare(
      `INSERT INTO items (source_id, kind, url, title, body, content_hash, published_at, collected_at, sort_at, day, score, reasons_json, tagged_at, cluster_id)
       SELECT source_id, kind, url || '#' || @tag, title, body, content_hash || @tag, @at, @at, @at, day, score, reasons_json, tagged_at, cluster_id FROM items WHERE id = @id`,
    );
    repost.run({ id: story.id, tag: 'now', at: iso(nowMs - 60_000) });
    expect(clusters.growing(to - 48 * HOUR, to - 24 * HOUR, to, 2).find((r) => r.id === story.id)!.recent).toBe(story.recent + 1);

    repost.run({ id: story.id, tag: 'late', at: iso(to - 5 * HOUR) });
    const after = clusters.growing(to - 48 * HOUR, to - 24 * HOUR, to, 2).sort((a, b) => a.id - b.id);
    expect(after.find((r) => r.id === story.id)!.recent).toBe(story.recent + 2);
    expect(after).toEqual(sqlGrowing(24));
  });
});

describe('hot words from per-hour keyword counts', () => {
  it('sums the same counts per word as SQL over the window and its baseline week', () => {
    const words = createKeywordHours(createKeywordsRepo(db), itemsPerHour, now);
    for (const hours of WINDOWS) {
      const to = windowEnd();
      const from = to - hours * HOUR;
      expect(words.window(from, to), `${hours} h`).toEqual({ counts: sqlKeywords(from, to), docs: sqlItems(from, to) });
      expect(words.window(from - 168 * HOUR, from), `${hours} h baseline`).toEqual({ counts: sqlKeywords(from - 168 * HOUR, from), docs: sqlItems(from - 168 * HOUR, from) });
    }
    expect(words.window(windowEnd() - 24 * HOUR, windowEnd()).counts.size).toBeGreaterThan(500);
  });

  it('counts a keyword recorded in the hour in progress at once', () => {
    const repo = createKeywordsRepo(db);
    const words = createKeywordHours(repo, itemsPerHour, now);
    const to = windowEnd();
    const before = words.window(to - 24 * HOUR, to).counts.get('新词') ?? 0;
    repo.record(['新词'], iso(nowMs - 1_000));
    expect(words.window(to - 24 * HOUR, to).counts.get('新词')).toBe(before + 1);
  });
});
