import { z } from 'zod';
import { ItemKind } from './item';

/** CSS selectors that pick one item's fields out of its detail page. */
export const DetailSelectors = z.object({
  title: z.string().min(1),
  time: z.string().min(1).optional(),
  body: z.string().min(1),
  author: z.string().min(1).optional(),
});

const SourceBase = z.object({
  /** Stable id: lowercase letters, digits and dashes. Items keep it forever. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lowercase letters, digits and "-"'),
  name: z.string().min(1).max(100),
  kind: ItemKind,
  url: z.url(),
  /** node-cron expression (5 or 6 fields). */
  schedule: z.string().min(1).default('*/10 * * * *'),
  /** Minimum delay between two requests to the same host. */
  delayMs: z.number().int().min(0).max(60_000).default(1_000),
  timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
  /** Connect timeout (TCP + TLS); absent = 5,000 ms, applied by the fetcher. timeoutMs above is the read (idle) timeout. */
  connectTimeoutMs: z.number().int().min(500).max(60_000).optional(),
  retries: z.number().int().min(0).max(5).default(2),
  /** Force a charset when a site lies about it; otherwise BOM → header → meta → sniffing. */
  charset: z.string().optional(),
  /** Loopback/private addresses are refused unless the source is allow-listed (the demo site and tests are). */
  allowPrivateNetwork: z.boolean().default(false),
  /** The department's own site: robots.txt is not applied to it. Every other source respects robots.txt. */
  ownSite: z.boolean().default(false),
  /** The department's own media (公众号, 融媒体中心 …): its items count as own-media news in the outreach ledger. Default: ownSite. */
  ownMedia: z.boolean().optional(),
  /** Requests in flight at once to this source's host (politeness: keep it small for others' sites). */
  concurrency: z.number().int().min(1).max(16).default(1),
  enabled: z.boolean().default(true),
});

export const HtmlListSource = SourceBase.extend({
  type: z.literal('html-list'),
  list: z.object({
    /** Selector of the <a> elements that link to detail pages. */
    link: z.string().min(1),
    /** Selector of the "next page" link; absent = one page. */
    next: z.string().min(1).optional(),
    maxPages: z.number().int().min(1).max(100).default(3),
  }),
  /** Selectors of the detail pages; leave out for pages of unknown layout (the generic article extractor reads them). */
  detail: DetailSelectors.optional(),
});

export const RssSource = SourceBase.extend({
  type: z.literal('rss'),
});

/** A JSON list endpoint: `list` is a dot path to the array (empty = the top level), `fields` map item fields to dot paths. */
export const JsonListSource = SourceBase.extend({
  type: z.literal('json'),
  list: z.object({
    path: z.string().max(200).default(''),
    fields: z.object({
      url: z.string().min(1),
      title: z.string().min(1),
      body: z.string().min(1).optional(),
      publishedAt: z.string().min(1).optional(),
      author: z.string().min(1).optional(),
    }),
  }),
});

export const SourceConfig = z.discriminatedUnion('type', [HtmlListSource, RssSource, JsonListSource]);
export type SourceConfig = z.infer<typeof SourceConfig>;
export type HtmlListSource = z.infer<typeof HtmlListSource>;
export type RssSource = z.infer<typeof RssSource>;
export type JsonListSource = z.infer<typeof JsonListSource>;

export const SourcesFile = z.object({
  sources: z.array(SourceConfig).min(1),
});
export type SourcesFile = z.infer<typeof SourcesFile>;

export const CrawlRunStatus = z.enum(['running', 'ok', 'partial', 'failed']);
export type CrawlRunStatus = z.infer<typeof CrawlRunStatus>;

/** Counters a crawl run reports when it ends. */
export const CrawlRunStats = z.object({
  fetched: z.number().int().min(0),
  new: z.number().int().min(0),
  duplicate: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** Not fetched on purpose: refused by robots.txt, crawler traps, binary files, the run's page budget. */
  skipped: z.number().int().min(0).optional(),
  lastError: z.string().max(2_000).nullable(),
});
export type CrawlRunStats = z.infer<typeof CrawlRunStats>;

export const CrawlRun = CrawlRunStats.extend({
  skipped: z.number().int().min(0),
  id: z.number().int(),
  sourceId: z.string(),
  sourceName: z.string(),
  status: CrawlRunStatus,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type CrawlRun = z.infer<typeof CrawlRun>;

export const SourceFlag = z.enum(['failing', 'silent']);
export type SourceFlag = z.infer<typeof SourceFlag>;

/** How a source is doing, so a failing or silent source is noticed instead of silently dropped. */
export const SourceHealth = z.object({
  lastSuccessAt: z.string().nullable(),
  /** Items collected per Asia/Shanghai day, the last 7 days, oldest first. */
  itemsPerDay: z.array(z.number().int()),
  /** Share of failed pages over the last 20 runs (failed / (fetched + failed)). */
  errorRate: z.number().min(0).max(1),
  recentErrors: z.array(z.object({ at: z.string(), message: z.string() })),
  /** Median minutes from publication to collection for items found after the first crawl (null: too few). */
  medianDelayMinutes: z.number().nullable(),
  flags: z.array(SourceFlag),
});
export type SourceHealth = z.infer<typeof SourceHealth>;

export const SourceView = z.object({
  id: z.string(),
  name: z.string(),
  kind: ItemKind,
  type: z.enum(['html-list', 'rss', 'json']),
  url: z.string(),
  schedule: z.string(),
  enabled: z.boolean(),
  paused: z.boolean(),
  /** 'file': from SOURCES_FILE (or the demo), only paused from the dashboard; 'dashboard': added by an admin, editable. */
  origin: z.enum(['file', 'dashboard']),
  itemCount: z.number().int(),
  lastRun: CrawlRun.nullable(),
  health: SourceHealth,
});
export type SourceView = z.infer<typeof SourceView>;

/**
 * What a remote crawler (`npm run crawler`) learns from the server besides its own sources file: the
 * sources added on the dashboard, and the ids paused there.
 */
export const RemoteSources = z.object({
  sources: z.array(SourceConfig),
  paused: z.array(z.string()),
});
export type RemoteSources = z.infer<typeof RemoteSources>;

/**
 * The fields of a raw source entry that no source type knows, as key paths (["shedule"],
 * ["detail", "titel"]). zod strips unknown keys silently, and in a hand-written config an unknown key
 * is nearly always a typo, whether in SOURCES_FILE or sent to the API.
 */
export function unknownSourceFields(entry: unknown): string[][] {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return [];
  const known: Record<string, Set<string>> = {
    'html-list': new Set(Object.keys(HtmlListSource.shape)),
    rss: new Set(Object.keys(RssSource.shape)),
    json: new Set(Object.keys(JsonListSource.shape)),
  };
  const type = (entry as { type?: unknown }).type;
  const allowed = typeof type === 'string' ? known[type] : undefined;
  if (!allowed) return [];
  const out: string[][] = Object.keys(entry).filter((k) => !allowed.has(k)).map((k) => [k]);
  if (type !== 'html-list') return out;
  const parts = { list: new Set(Object.keys(HtmlListSource.shape.list.shape)), detail: new Set(Object.keys(DetailSelectors.shape)) };
  for (const part of ['list', 'detail'] as const) {
    const sub = (entry as Record<string, unknown>)[part];
    if (!sub || typeof sub !== 'object') continue;
    for (const key of Object.keys(sub)) if (!parts[part].has(key)) out.push([part, key]);
  }
  return out;
}
