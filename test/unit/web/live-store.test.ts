import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CrawlRun } from '../../../server/contracts/source';

const api = vi.hoisted(() => ({ fetchCrawlRuns: vi.fn() }));
vi.mock('../../../web/src/api/resources', () => api);
const { reconnectDelay, useLiveStore } = await import('../../../web/src/stores/live');

/** A stand-in EventSource the test drives by hand. */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((e: Event) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: (e: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data?: unknown) {
    const e = data === undefined ? new Event(type) : new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) });
    for (const fn of this.listeners.get(type) ?? []) fn(e);
  }
}

function run(over: Partial<CrawlRun>): CrawlRun {
  return {
    id: 1,
    sourceId: 'gov',
    sourceName: '区政府通知公告',
    status: 'running',
    startedAt: new Date().toISOString(),
    endedAt: null,
    fetched: 0,
    new: 0,
    duplicate: 0,
    failed: 0,
    skipped: 0,
    lastError: null,
    ...over,
  };
}

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  api.fetchCrawlRuns.mockResolvedValue({ runs: [], total: 0 });
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe('live status store', () => {
  it('shows which sources are being crawled, from run start to run end', () => {
    const live = useLiveStore();
    live.connect();
    const es = FakeEventSource.instances[0]!;
    expect(es.url).toBe('/api/events');
    es.emit('open');
    expect(live.connected).toBe(true);
    es.emit('crawl-run', run({ id: 5 }));
    expect(live.runningNames).toEqual(['区政府通知公告']);
    const before = live.revision;
    es.emit('crawl-run', run({ id: 5, status: 'ok', endedAt: new Date().toISOString(), new: 3 }));
    expect(live.runningNames).toEqual([]);
    expect(live.revision).toBe(before + 1);
    expect(live.recentRuns.map((r) => [r.id, r.status])).toEqual([[5, 'ok']]);
  });

  it('counts new items and bumps the revision pages watch', () => {
    const live = useLiveStore();
    live.connect();
    const es = FakeEventSource.instances[0]!;
    es.emit('items', { new: 4 });
    es.emit('items', { new: 0 });
    es.emit('items', '{not json');
    expect(live.newItems).toBe(4);
    expect(live.revision).toBe(1);
  });

  it('picks up runs already going when the stream opens, but not stale ones', async () => {
    api.fetchCrawlRuns.mockResolvedValue({
      runs: [run({ id: 9, sourceId: 'forum', sourceName: '论坛' }), run({ id: 2, sourceId: 'old', sourceName: '旧', startedAt: '2020-01-01T00:00:00Z' })],
      total: 2,
    });
    const live = useLiveStore();
    live.connect();
    FakeEventSource.instances[0]!.emit('open');
    await vi.waitFor(() => expect(live.runningNames).toEqual(['论坛']));
  });

  it('reconnects with backoff when the browser gives up on the stream', () => {
    vi.useFakeTimers();
    const live = useLiveStore();
    live.connect();
    const first = FakeEventSource.instances[0]!;
    first.readyState = 2;
    first.emit('error');
    expect(live.connected).toBe(false);
    expect(first.closed).toBe(true);
    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(reconnectDelay(0));
    expect(FakeEventSource.instances).toHaveLength(2);
    // A transient error (still CONNECTING) is left to EventSource's own retry.
    const second = FakeEventSource.instances[1]!;
    second.emit('error');
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.instances).toHaveLength(2);
    live.disconnect();
    expect(second.closed).toBe(true);
  });

  it('backs off up to 30 seconds', () => {
    expect([0, 1, 2, 3, 10].map(reconnectDelay)).toEqual([1_000, 2_000, 4_000, 8_000, 30_000]);
  });
});
