import crypto from 'node:crypto';
import type { RawItem } from '../../server/contracts/item';
import type { SourceConfig } from '../../server/contracts/source';

let seq = 0;

export function rawItem(over: Partial<RawItem> & { sourceId: string }): RawItem {
  seq += 1;
  const title = over.title ?? `测试条目 ${seq}`;
  const body = over.body ?? `正文内容 ${seq} ${crypto.randomUUID()}`;
  return {
    url: `https://example.test/items/${seq}-${crypto.randomUUID()}`,
    publishedAt: new Date().toISOString(),
    author: null,
    fetchedAt: new Date().toISOString(),
    ...over,
    title,
    body,
    contentHash: over.contentHash ?? crypto.createHash('sha256').update(`${title}\n${body}`).digest('hex'),
  };
}

export function rssSource(id: string, over: Partial<SourceConfig> = {}): SourceConfig {
  return {
    id,
    name: `来源 ${id}`,
    kind: 'post',
    type: 'rss',
    url: `https://example.test/${id}.xml`,
    schedule: '*/10 * * * *',
    delayMs: 0,
    timeoutMs: 5_000,
    retries: 0,
    allowPrivateNetwork: false,
    ownSite: false,
    concurrency: 1,
    enabled: true,
    ...over,
  } as SourceConfig;
}
