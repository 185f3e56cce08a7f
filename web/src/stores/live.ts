import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CrawlRun } from '../../../server/contracts/source';

/**
 * Live status from the server's event stream: which crawls are running, and a counter that pages
 * watch to refresh themselves when new items arrive. EventSource reconnects by itself.
 */
export const useLiveStore = defineStore('live', () => {
  const connected = ref(false);
  const running = ref<Record<string, CrawlRun>>({});
  const lastRun = ref<CrawlRun | null>(null);
  /** Bumped on every change pages may want to show (new items, finished runs, verdicts). */
  const revision = ref(0);
  const newItems = ref(0);
  let source: EventSource | null = null;

  function onRun(run: CrawlRun) {
    const next = { ...running.value };
    if (run.status === 'running') next[run.sourceId] = run;
    else {
      delete next[run.sourceId];
      lastRun.value = run;
      revision.value++;
    }
    running.value = next;
  }

  function connect() {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource('/api/events');
    source.addEventListener('open', () => (connected.value = true));
    source.addEventListener('error', () => (connected.value = false));
    source.addEventListener('hello', () => (connected.value = true));
    source.addEventListener('crawl-run', (e) => onRun(JSON.parse((e as MessageEvent<string>).data) as CrawlRun));
    source.addEventListener('items', (e) => {
      newItems.value += (JSON.parse((e as MessageEvent<string>).data) as { new: number }).new;
      revision.value++;
    });
    source.addEventListener('verdict', () => revision.value++);
  }

  function disconnect() {
    source?.close();
    source = null;
    connected.value = false;
  }

  const runningNames = computed(() => Object.values(running.value).map((r) => r.sourceName));
  return { connected, running, runningNames, lastRun, revision, newItems, connect, disconnect, onRun };
});
