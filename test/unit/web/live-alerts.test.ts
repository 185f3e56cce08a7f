import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../server/contracts/alerts';

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
  emit(type: string, data?: unknown) {
    const e = data === undefined ? new Event(type) : new MessageEvent(type, { data: JSON.stringify(data) });
    for (const fn of this.listeners.get(type) ?? []) fn(e);
  }
}

const alert = (id: number, over: Partial<Alert> = {}) => ({ id, title: `预警 ${id}`, ackedAt: null, ackedBy: null, severity: 'warning', ...over }) as Alert;

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  api.fetchCrawlRuns.mockResolvedValue({ runs: [], total: 0 });
  api.fetchAlerts.mockResolvedValue({ alerts: [], total: 3, unacked: 3 });
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.clearAllMocks();
});

describe('live alerts', () => {
  it('seeds the unacknowledged count on connect, then follows alert and alert-ack events', async () => {
    const live = useLiveStore();
    live.connect();
    const es = FakeEventSource.instances[0]!;
    es.emit('open');
    await vi.waitFor(() => expect(live.unackedAlerts).toBe(3));
    expect(api.fetchAlerts).toHaveBeenCalledWith('open', 1, 1);

    const seen: [number, string][] = [];
    const off = live.onAlert((a, type) => seen.push([a.id, type]));
    es.emit('alert', alert(7));
    expect(live.unackedAlerts).toBe(4);
    // A repeat updates the alert where it is shown but is not a new one.
    es.emit('alert-repeat', alert(7, { repeats: 1 }));
    expect(live.unackedAlerts).toBe(4);
    es.emit('alert-ack', alert(7, { ackedAt: '2026-11-28T01:00:00Z', ackedBy: '张三' }));
    expect(live.unackedAlerts).toBe(3);
    es.emit('alert', 'not json');
    off();
    es.emit('alert', alert(8));
    expect(seen).toEqual([
      [7, 'alert'],
      [7, 'alert-repeat'],
      [7, 'alert-ack'],
    ]);
    expect(live.unackedAlerts).toBe(4);
  });

  it('never counts below zero and takes a page’s exact count', () => {
    const live = useLiveStore();
    live.receiveAlert(alert(1, { ackedAt: 'x' }), 'alert-ack');
    expect(live.unackedAlerts).toBe(0);
    live.setUnackedAlerts(12);
    expect(live.unackedAlerts).toBe(12);
    live.setUnackedAlerts(-1);
    expect(live.unackedAlerts).toBe(12);
  });
});
