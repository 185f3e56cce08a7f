import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({ fetchCrawlRuns: vi.fn(), fetchAlerts: vi.fn() }));
vi.mock('../../../web/src/api/resources', () => ({ fetchCrawlRuns: api.fetchCrawlRuns }));
vi.mock('../../../web/src/api/alerts', () => ({ fetchAlerts: api.fetchAlerts }));
const { useLiveStore } = await import('../../../web/src/stores/live');

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  private listeners = new Map<string, ((e: Event) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: (e: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.readyState = 2;
  }
  emit(type: string, data: unknown) {
    const e = new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) });
    for (const fn of this.listeners.get(type) ?? []) fn(e);
  }
}

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe('live report events', () => {
  it('hands each well-formed "report" event to the subscribers until they unsubscribe', () => {
    const live = useLiveStore();
    live.connect();
    const es = FakeEventSource.instances[0]!;
    const seen: [number, string, number][] = [];
    const off = live.onReport((r) => seen.push([r.id, r.status, r.done]));
    es.emit('report', { id: 4, status: 'running', done: 2, total: 5 });
    es.emit('report', 'not json');
    es.emit('report', { status: 'running' });
    es.emit('report', { id: 4, status: 'done', done: 5, total: 5 });
    off();
    es.emit('report', { id: 5, status: 'queued', done: 0, total: 0 });
    expect(seen).toEqual([
      [4, 'running', 2],
      [4, 'done', 5],
    ]);
    live.disconnect();
  });
});
