import { describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';
import { readEvents } from '../support/sse';

const noTags: ItemTagger = { tag: () => ({ tags: [], score: 0, reasons: [] }) };

describe('live events', () => {
  it('streams crawl-run start and end, and new items, as server-sent events', async () => {
    const t = createDbApp({
      sources: [rssSource('forum')],
      tagger: noTags,
      runCrawl: async (source, sink) => {
        const id = await sink.startRun(source.id);
        await sink.ingest([rawItem({ sourceId: source.id })]);
        await sink.finishRun(id, { fetched: 1, new: 1, duplicate: 0, failed: 0, lastError: null });
      },
    });
    const controller = new AbortController();
    const res = await t.app.request('/api/events', { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(res, 3);
    await new Promise((r) => setTimeout(r, 50));
    const crawl = await t.app.request('/api/sources/forum/crawl', { method: 'POST' });
    expect(crawl.status).toBe(202);
    const events = await reading;
    controller.abort();
    expect(events.map((e) => e.event)).toEqual(['crawl-run', 'items', 'crawl-run']);
    expect(events[0]!.data).toMatchObject({ sourceId: 'forum', status: 'running' });
    expect(events[1]!.data).toEqual({ new: 1 });
    expect(events[2]!.data).toMatchObject({ sourceId: 'forum', status: 'ok', new: 1 });
    t.db.close();
  });

  it('refuses a second crawl of a source that is running (409) and an unknown source (404)', async () => {
    let release!: () => void;
    const t = createDbApp({
      sources: [rssSource('forum')],
      tagger: noTags,
      runCrawl: async (source, sink) => {
        const id = await sink.startRun(source.id);
        await new Promise<void>((r) => (release = r));
        await sink.finishRun(id, { fetched: 0, new: 0, duplicate: 0, failed: 1, lastError: 'GET x: 404' });
      },
    });
    expect((await t.app.request('/api/sources/forum/crawl', { method: 'POST' })).status).toBe(202);
    const again = await t.app.request('/api/sources/forum/crawl', { method: 'POST' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'conflict', reason: 'source_running', params: { id: 'forum' } });
    expect((await t.app.request('/api/sources/nope/crawl', { method: 'POST' })).status).toBe(404);
    release();
    await t.crawl.waitIdle();
    const runs = (await (await t.app.request('/api/crawl-runs')).json()) as { runs: { status: string; lastError: string }[] };
    expect(runs.runs[0]).toMatchObject({ status: 'failed', lastError: 'GET x: 404' });
    t.db.close();
  });

  it('lets schedules skip a paused source while "crawl now" still works', async () => {
    let runs = 0;
    const t = createDbApp({
      sources: [rssSource('forum')],
      tagger: noTags,
      runCrawl: async (source, sink) => {
        runs++;
        await sink.finishRun(await sink.startRun(source.id), { fetched: 0, new: 0, duplicate: 0, failed: 0, lastError: null });
      },
    });
    t.sources.setPaused('forum', true);
    await t.crawl.crawlScheduled(rssSource('forum'));
    expect(runs).toBe(0);
    await (await t.crawl.crawlNow('forum')).done;
    expect(runs).toBe(1);
    t.sources.setPaused('forum', false);
    await t.crawl.crawlScheduled(rssSource('forum'));
    expect(runs).toBe(2);
    t.db.close();
  });
});
