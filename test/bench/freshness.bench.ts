/**
 * Freshness, measured: a post published on a (local fixture) forum → the alert visible to a
 * connected dashboard (an SSE client on /api/events), with the source crawled on a 1-minute
 * schedule as in production. Posts appear at random moments, so the wait for the next crawl is
 * part of the figure, as it is for users. Each alert also carries its own published → collected →
 * alerted times, printed per post.
 *
 *   npx tsx test/bench/freshness.bench.ts [--posts 8]
 *
 * Peer: commercial monitoring systems advertise alerts "within 30 minutes, 5 at best"; the target
 * here is a median of 60 s or less.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { crawlSource } from '../../crawler/crawl-source';
import { createFetcher } from '../../crawler/fetch/fetcher';
import { startSchedules } from '../../crawler/schedule';
import { startFixtureSite } from '../support/fixture-site';
import { forumSource, rssFeed, type ForumPost } from '../support/rss-forum';
import { startTestMeili } from '../support/meili';
import { startTestRuntime } from '../support/runtime';
import { createRng } from '../support/rng';

const { values } = parseArgs({ options: { posts: { type: 'string', default: '8' } } });
const POSTS = Number(values.posts);
const r = createRng(3);

const posts: ForumPost[] = [];
const feed = rssFeed('演练论坛', posts);

async function main() {
  const site = await startFixtureSite({ '/rss.xml': feed });
  const source = forumSource('drill-forum', '演练论坛', `${site.url}/rss.xml`, '* * * * *');
  const meili = await startTestMeili();
  const fetcher = createFetcher({ retryBaseMs: 10 });
  const { runtime } = await startTestRuntime({ meili, sources: [source], runCrawl: (s, sink) => crawlSource(s, sink, { fetcher }) });
  runtime.services.alerts.createRule(
    {
      name: '演练', kind: 'threshold', scope: { topicId: null, keywords: ['应急演练'], tag: null, sentiment: null, sourceId: null },
      windowMinutes: 60, threshold: 1, z: 3, quietDays: 3, severity: 'warning', cooldownMinutes: 0, quietHours: null, webhookIds: [], owner: null, enabled: true,
    },
    'bench',
  );
  const server = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  // The connected dashboard: an SSE client noting when each alert arrives.
  const seen = new Map<number, { at: number; alert: { itemId: number; publishedAt: string; collectedAt: string; alertedAt: string } }>();
  const req = http.get({ host: '127.0.0.1', port, path: '/api/events' }, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (!/^event: alert$/m.test(block)) continue;
        const alert = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as { itemId: number; publishedAt: string; collectedAt: string; alertedAt: string };
        seen.set(alert.itemId, { at: Date.now(), alert });
      }
    });
  });

  const schedules = startSchedules([source], (s) => runtime.crawl.crawlScheduled(s));
  process.stdout.write(`${POSTS} posts at random moments, source crawled every minute (cron * * * * *)\n\n`);
  process.stdout.write('| post | published → alert on the dashboard s | published → collected s | collected → alerted s |\n|---|---|---|---|\n');
  const delays: number[] = [];
  for (let k = 0; k < POSTS; k++) {
    await new Promise((res) => setTimeout(res, 10_000 + r.int(60_000)));
    const at = new Date();
    posts.push({ title: `第${k + 1}次应急演练通知`, body: `社区今天开展第${k + 1}次应急演练，请居民配合。`, at });
    const deadline = Date.now() + 180_000;
    let hit: { at: number; alert: { publishedAt: string; collectedAt: string; alertedAt: string } } | undefined;
    while (!hit && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 200));
      const id = runtime.db.prepare('SELECT id FROM items WHERE title = ?').pluck().get(`第${k + 1}次应急演练通知`) as number | undefined;
      if (id !== undefined) hit = seen.get(id);
    }
    if (!hit) throw new Error(`post ${k + 1}: no alert within 180 s`);
    const total = (hit.at - at.getTime()) / 1000;
    delays.push(total);
    const collected = (Date.parse(hit.alert.collectedAt) - at.getTime()) / 1000;
    const alerted = (Date.parse(hit.alert.alertedAt) - Date.parse(hit.alert.collectedAt)) / 1000;
    process.stdout.write(`| ${k + 1} | ${total.toFixed(1)} | ${collected.toFixed(1)} | ${alerted.toFixed(2)} |\n`);
  }
  delays.sort((a, b) => a - b);
  const median = delays[Math.floor(delays.length / 2)]!;
  process.stdout.write(`\nmedian ${median.toFixed(1)} s, max ${delays[delays.length - 1]!.toFixed(1)} s (target: median ≤ 60 s)\n`);
  req.destroy();
  schedules.stop();
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  server.close();
  await runtime.close();
  await meili.stop();
  await site.close();
}

await main();
