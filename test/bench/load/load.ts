/**
 * What the load benchmark and its smoke test share: the weighted mix of requests a dashboard makes,
 * a probe that keeps each session to the routes its role may call, and the run itself (autocannon over
 * the mix, beside an ingest driver posting batches at a fixed rate with a bearer token).
 */
import crypto from 'node:crypto';
import autocannon from 'autocannon';

export interface Session {
  role: string;
  headers: Record<string, string>;
}

interface Endpoint {
  name: string;
  weight: number;
  path: (n: number) => string;
}

/** Instances a paced run is split into, started a fraction of a second apart (see runLoad). */
const PACED_GROUPS = 20;

const WORDS = ['停水', '地铁', '流感', '疫苗', '物价', '暴雨', '学校', '医院', '交通', '燃气', '供暖', '菜价', '拆迁', '社保', '招聘', '养老'];
const day = (now: number, back: number) => new Date(now - back * 86_400_000).toISOString().slice(0, 10);

/** What the dashboard's pages load, weighted by how often a page asks for it. */
export function dashboardMix(now = Date.now()): Endpoint[] {
  return [
    { name: 'auth/me', weight: 5, path: () => '/api/auth/me' },
    { name: 'overview stats', weight: 12, path: () => '/api/stats/overview' },
    { name: 'item list page', weight: 12, path: (n) => `/api/items?page=${1 + (n % 20)}&pageSize=20&sort=newest` },
    { name: 'item list filtered', weight: 5, path: (n) => `/api/items?page=${1 + (n % 5)}&pageSize=20&tag=rumor-suspect&from=${day(now, 30)}` },
    { name: 'search (Meilisearch)', weight: 15, path: (n) => `/api/items?q=${encodeURIComponent(WORDS[n % WORDS.length]!)}&pageSize=20&page=${1 + (n % 3)}` },
    { name: 'search two words', weight: 3, path: (n) => `/api/items?q=${encodeURIComponent(`${WORDS[n % WORDS.length]} ${WORDS[(n >> 4) % WORDS.length]}`)}&pageSize=20` },
    { name: 'trends by sentiment, 30 days', weight: 6, path: () => `/api/trends?from=${day(now, 30)}&to=${day(now, 0)}&by=sentiment` },
    { name: 'trends by source, 7 days hourly', weight: 3, path: () => `/api/trends?from=${day(now, 7)}&to=${day(now, 0)}&interval=hour&by=source` },
    { name: 'hot words 24 h', weight: 4, path: () => '/api/trends/hot-words?hours=24' },
    { name: 'rumours found vs rebutted', weight: 2, path: () => `/api/trends/rumours?from=${day(now, 90)}&to=${day(now, 0)}` },
    { name: 'topics', weight: 5, path: () => '/api/topics' },
    { name: 'alerts', weight: 5, path: () => '/api/alerts?status=open&page=1&pageSize=20' },
    { name: 'review queue', weight: 8, path: (n) => `/api/review/queue?status=pending&page=${1 + (n % 3)}&pageSize=20` },
    { name: 'ledger totals', weight: 4, path: () => `/api/ledger/totals?from=${day(now, 30)}&to=${day(now, 0)}` },
    { name: 'reports list', weight: 4, path: () => '/api/reports' },
    { name: 'stats trends 30 days', weight: 3, path: () => '/api/stats/trends?days=30' },
  ];
}

/** Per session, the endpoints its role may call (a 403 in the probe drops the endpoint for that role). */
export async function probe(baseUrl: string, sessions: Session[], mix: Endpoint[]) {
  const allowed = new Map<string, Endpoint[]>();
  const refused: string[] = [];
  /** One request alone per endpoint (the first role allowed it): what each costs without contention. */
  const alone = new Map<string, number>();
  for (const s of sessions) {
    if (allowed.has(s.role)) continue;
    const ok: Endpoint[] = [];
    for (const e of mix) {
      const t = performance.now();
      const res = await fetch(`${baseUrl}${e.path(0)}`, { headers: s.headers });
      await res.arrayBuffer();
      if (res.status === 200 && !alone.has(e.name)) alone.set(e.name, performance.now() - t);
      if (res.status === 200) ok.push(e);
      else if (res.status === 403) refused.push(`${s.role}: ${e.name}`);
      else throw new Error(`probe ${e.name} as ${s.role}: HTTP ${res.status}`);
    }
    allowed.set(s.role, ok);
  }
  return { allowed, refused, alone };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

function summarise(latencies: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.length ? s[s.length - 1]! : NaN };
}

/** Unique items for the ingest route: titles from the same vocabulary the dashboard searches, one in twenty rumour-like. */
function ingestBatch(sourceId: string, n: number, seq: { i: number }) {
  const now = new Date().toISOString();
  return Array.from({ length: n }, () => {
    const i = seq.i++;
    const w = WORDS[i % WORDS.length]!;
    const nonce = crypto.randomUUID();
    // One post in twenty reads like a rumour (the rumour desk's queue grows during the run, as in an incident).
    const rumourLike = i % 20 === 0;
    const title = rumourLike ? `网传${w}明天全部停止` : `${w}情况通报 ${i}`;
    const body = rumourLike
      ? `网传${w}明天全部停止，千万别去，紧急扩散，赶紧转发给家人，编号 ${nonce}`
      : `${w} 相关居民反映 ${WORDS[(i * 7) % WORDS.length]} 问题，编号 ${nonce}`;
    return {
      sourceId,
      url: `https://load.test/${sourceId}/${nonce}`,
      title,
      body,
      author: null,
      publishedAt: now,
      fetchedAt: now,
      contentHash: crypto.createHash('sha256').update(`${title}\n${body}`).digest('hex'),
    };
  });
}

export interface LoadOptions {
  baseUrl: string;
  sessions: Session[];
  connections: number;
  seconds: number;
  /** Items per second posted to /api/ingest/items (0: no ingest). */
  ingestRate: number;
  ingestToken: string;
  sourceId: string;
  /** Batches per second the ingest rate is split into. */
  ingestTicksPerSecond?: number;
  /**
   * Requests per second each connection (one user) sends at most; 0 or absent: back to back, the
   * next request leaving as soon as the last answer arrived (saturation, not users).
   */
  ratePerConnection?: number;
  /** Live-event streams (/api/events) held open during the run, one per user, as the dashboard does. */
  eventStreams?: number;
  now?: number;
}

export async function runLoad(o: LoadOptions) {
  const mix = dashboardMix(o.now);
  const { allowed, refused, alone } = await probe(o.baseUrl, o.sessions, mix);
  // One weighted table per session; a request picks the next session, then an endpoint of its role.
  const tables = o.sessions.map((s) => {
    const t: Endpoint[] = [];
    for (const e of allowed.get(s.role) ?? []) for (let k = 0; k < e.weight; k++) t.push(e);
    return { s, t };
  });
  let n = 0;
  const latencies: number[] = [];
  const byEndpoint = new Map<string, number[]>();
  const statusCounts = new Map<number, number>();

  // The ingest driver: a batch every tick, never more than 4 in flight (a slow server is measured as a
  // lower achieved rate, not hidden by an unbounded queue).
  const ticks = o.ingestTicksPerSecond ?? 10;
  const perTick = Math.max(1, Math.round(o.ingestRate / ticks));
  const ingest = { sent: 0, acked: 0, failed: 0, skipped: 0, inFlight: 0, latencies: [] as number[], statuses: new Map<number, number>() };
  const seq = { i: 0 };
  const ingestOnce = async () => {
    if (ingest.inFlight >= 4) {
      ingest.skipped++;
      return;
    }
    ingest.inFlight++;
    const items = ingestBatch(o.sourceId, perTick, seq);
    ingest.sent += items.length;
    const t = performance.now();
    try {
      const res = await fetch(`${o.baseUrl}/api/ingest/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.ingestToken}` },
        body: JSON.stringify({ items }),
      });
      const body = (await res.json()) as { new?: number };
      ingest.statuses.set(res.status, (ingest.statuses.get(res.status) ?? 0) + 1);
      if (res.status === 200) ingest.acked += body.new ?? 0;
      else ingest.failed++;
    } catch {
      ingest.failed++;
    } finally {
      ingest.latencies.push(performance.now() - t);
      ingest.inFlight--;
    }
  };
  const streams = await openEventStreams(o.baseUrl, o.sessions, o.eventStreams ?? 0);
  const ingestStarted = performance.now();
  const timer = o.ingestRate > 0 ? setInterval(() => void ingestOnce(), 1_000 / ticks) : null;

  // One autocannon instance per group of connections. Paced connections (ratePerConnection) are
  // released by autocannon once a second, all at the same instant; users do not click in step, so
  // paced runs start GROUPS instances spread over the first second: their requests arrive in small
  // bursts through the second instead of all 200 at once.
  const groups = o.ratePerConnection ? Math.min(o.connections, PACED_GROUPS) : 1;
  const runGroup = (g: number) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const connections = Math.floor(o.connections / groups) + (g < o.connections % groups ? 1 : 0);
      const instance = autocannon(
        {
          url: o.baseUrl,
          connections,
          duration: o.seconds,
          ...(o.ratePerConnection ? { connectionRate: o.ratePerConnection } : {}),
          requests: [
            {
              setupRequest: (req, context) => {
                const { s, t } = tables[n % tables.length]!;
                const e = t[(n * 7919) % t.length]!;
                const path = e.path(n);
                n++;
                // Read back when the answer arrives (one request in flight per connection).
                (context as { endpoint?: string }).endpoint = e.name;
                return { ...req, path, headers: { ...req.headers, ...s.headers } } as typeof req;
              },
            },
          ],
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      instance.on('response', (client, status, _bytes, ms) => {
        statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
        latencies.push(ms);
        const name = (client as unknown as { requestIterator?: { context?: { endpoint?: string } } }).requestIterator?.context?.endpoint ?? '?';
        let list = byEndpoint.get(name);
        if (!list) byEndpoint.set(name, (list = []));
        list.push(ms);
      });
    });
  const spreadMs = o.ratePerConnection ? 1_000 / o.ratePerConnection : 0;
  const results = await Promise.all(
    Array.from({ length: groups }, (_, g) => new Promise((r) => setTimeout(r, (g * spreadMs) / groups)).then(() => runGroup(g))),
  );
  const result = {
    requests: { average: results.reduce((a, r) => a + r.requests.average, 0), total: results.reduce((a, r) => a + r.requests.total, 0) },
    errors: results.reduce((a, r) => a + r.errors, 0),
    timeouts: results.reduce((a, r) => a + r.timeouts, 0),
    // autocannon's own histogram, of the first group (groups cannot be merged): for comparison only.
    latency: results[0]!.latency,
  };
  if (timer) clearInterval(timer);
  const events = streams.close();
  const ingestSeconds = (performance.now() - ingestStarted) / 1000;
  // Batches still in flight are waited for, so the counts add up.
  while (ingest.inFlight > 0) await new Promise((r) => setTimeout(r, 20));

  const http = summarise(latencies);
  const non2xx = [...statusCounts].filter(([s]) => s < 200 || s >= 300).reduce((a, [, c]) => a + c, 0);
  const fivexx = [...statusCounts].filter(([s]) => s >= 500).reduce((a, [, c]) => a + c, 0);
  return {
    events,
    refused,
    alone: Object.fromEntries([...alone].map(([k, v]) => [k, Math.round(v)])),
    endpoints: [...byEndpoint].map(([name, l]) => ({ name, ...summarise(l) })).sort((a, b) => b.p99 - a.p99),
    http: {
      ...http,
      rps: result.requests.average,
      total: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx,
      fivexx,
      statuses: Object.fromEntries(statusCounts),
      autocannon: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    },
    ingest: {
      target: o.ingestRate,
      achieved: ingest.acked / ingestSeconds,
      sent: ingest.sent,
      acked: ingest.acked,
      failed: ingest.failed,
      skippedTicks: ingest.skipped,
      statuses: Object.fromEntries(ingest.statuses),
      ...summarise(ingest.latencies),
    },
  };
}

export type LoadResult = Awaited<ReturnType<typeof runLoad>>;

/**
 * Holds N /api/events streams open (sessions in turn) and counts the events they receive, so the
 * server pays for its live dashboards during the run; close() ends them and reports what arrived.
 */
async function openEventStreams(baseUrl: string, sessions: Session[], n: number) {
  const controller = new AbortController();
  let opened = 0;
  let events = 0;
  let itemsEvents = 0;
  let failed = 0;
  const decoder = new TextDecoder();
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      try {
        const res = await fetch(`${baseUrl}/api/events`, { headers: sessions[i % sessions.length]!.headers, signal: controller.signal });
        if (res.status !== 200 || !res.body) {
          failed++;
          return;
        }
        opened++;
        const reader = res.body.getReader();
        void (async () => {
          try {
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              const text = decoder.decode(value);
              events += (text.match(/^event:/gm) ?? []).length;
              itemsEvents += (text.match(/^event: ?items$/gm) ?? []).length;
            }
          } catch {
            // aborted at the end of the run
          }
        })();
      } catch {
        failed++;
      }
    }),
  );
  return {
    close() {
      controller.abort();
      return { opened, failed, events, itemsEvents };
    },
  };
}
