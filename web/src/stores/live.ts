import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CrawlRun } from '../../../server/contracts/source';
import type { Job } from '../../../server/contracts/job';
import type { Alert } from '../../../server/contracts/alerts';
import type { ReportFile } from '../../../server/contracts/report';
import { fetchCrawlRuns } from '../api/resources';
import { fetchAlerts } from '../api/alerts';

export type AlertEventType = 'alert' | 'alert-ack' | 'alert-repeat';
export type AlertListener = (alert: Alert, type: AlertEventType) => void;
export type ReportListener = (report: ReportFile) => void;

const EVENTS_URL = '/api/events';
const MAX_BACKOFF_MS = 30_000;
/** A run "running" for longer than this is taken as left over from a stopped server, not shown as live. */
const STALE_RUN_MS = 30 * 60_000;

/** Delay before the n-th reconnection attempt (1, 2, 4 … 30 s). */
export function reconnectDelay(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.max(0, attempt));
}

function parse<T>(e: Event): T | null {
  try {
    return JSON.parse((e as MessageEvent<string>).data) as T;
  } catch {
    return null;
  }
}

/**
 * Live status from the server's event stream: which crawls are running, the latest runs, and a
 * counter that pages watch to refresh themselves. EventSource retries a dropped connection by itself,
 * but gives up for good on an HTTP error (readyState CLOSED), so that case is retried here with backoff.
 */
export const useLiveStore = defineStore('live', () => {
  const connected = ref(false);
  const running = ref<Record<string, CrawlRun>>({});
  /** Runs seen on the stream, newest first (start and end of each run, merged by id). */
  const recentRuns = ref<CrawlRun[]>([]);
  /** Bumped on every change pages may want to show (new items, finished runs, verdicts). */
  const revision = ref(0);
  /** Background jobs (re-tagging) seen on the stream, newest first; finished ones stay briefly. */
  const jobs = ref<Job[]>([]);
  /** Bumped when topics change or their matching progresses (SSE 'topics', topic-match jobs). */
  const topicsRevision = ref(0);
  /** New items since the page was opened. */
  const newItems = ref(0);
  /** Alerts not yet acknowledged (seeded on connect, then kept by 'alert' / 'alert-ack'): the nav badge. */
  const unackedAlerts = ref(0);
  const alertListeners = new Set<AlertListener>();
  const reportListeners = new Set<ReportListener>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let wanted = false;

  function onRun(run: CrawlRun) {
    const next = { ...running.value };
    if (run.status === 'running') next[run.sourceId] = run;
    else {
      delete next[run.sourceId];
      revision.value++;
    }
    running.value = next;
    recentRuns.value = [run, ...recentRuns.value.filter((r) => r.id !== run.id)].slice(0, 50);
  }

  function onItems(n: number) {
    if (n > 0) {
      newItems.value += n;
      revision.value++;
    }
  }

  function onJob(job: Job) {
    jobs.value = [job, ...jobs.value.filter((j) => j.id !== job.id)].slice(0, 5);
    if (job.status === 'done') revision.value++;
    if (job.kind === 'topic-match' && (job.status === 'done' || job.status === 'failed')) topicsRevision.value++;
  }

  function onTopics() {
    topicsRevision.value++;
  }

  /** Pages that show alerts subscribe here; returns the unsubscribe. */
  function onAlert(fn: AlertListener): () => void {
    alertListeners.add(fn);
    return () => alertListeners.delete(fn);
  }

  /** The reports page follows a report's generation here (SSE 'report'); returns the unsubscribe. */
  function onReport(fn: ReportListener): () => void {
    reportListeners.add(fn);
    return () => reportListeners.delete(fn);
  }

  function receiveReport(report: ReportFile) {
    for (const fn of reportListeners) fn(report);
  }

  function receiveAlert(alert: Alert, type: AlertEventType) {
    if (type === 'alert' && !alert.ackedAt) unackedAlerts.value++;
    if (type === 'alert-ack') unackedAlerts.value = Math.max(0, unackedAlerts.value - 1);
    for (const fn of alertListeners) fn(alert, type);
  }

  /** A page that just listed alerts knows the exact count: it corrects the badge. */
  function setUnackedAlerts(n: number) {
    if (Number.isInteger(n) && n >= 0) unackedAlerts.value = n;
  }

  async function seedAlerts() {
    try {
      setUnackedAlerts((await fetchAlerts('open', 1, 1)).unacked);
    } catch {
      // the badge waits for the next alert
    }
  }

  /** Runs that started before the stream was (re)opened have no start event for us: ask once. */
  async function seedRunning() {
    try {
      const { runs } = await fetchCrawlRuns(1, 20);
      const now = Date.now();
      const next: Record<string, CrawlRun> = {};
      const ended = new Set(recentRuns.value.filter((r) => r.status !== 'running').map((r) => r.id));
      for (const r of runs) {
        if (r.status === 'running' && !ended.has(r.id) && now - Date.parse(r.startedAt) < STALE_RUN_MS) next[r.sourceId] = r;
      }
      running.value = { ...next, ...running.value };
    } catch {
      // the indicator simply waits for the next event
    }
  }

  function open() {
    const es = new EventSource(EVENTS_URL);
    source = es;
    es.addEventListener('open', () => {
      connected.value = true;
      attempt = 0;
      void seedRunning();
      void seedAlerts();
    });
    es.addEventListener('error', () => {
      connected.value = false;
      // Runs in progress are unknown while offline; the next start/end event sets them again.
      running.value = {};
      if (es.readyState === 2 /* CLOSED */ && wanted && source === es) {
        es.close();
        source = null;
        retryTimer = setTimeout(() => {
          retryTimer = null;
          if (wanted && !source) open();
        }, reconnectDelay(attempt++));
      }
    });
    es.addEventListener('crawl-run', (e) => {
      const run = parse<CrawlRun>(e);
      if (run && typeof run.sourceId === 'string') onRun(run);
    });
    es.addEventListener('items', (e) => onItems(Number(parse<{ new?: unknown }>(e)?.new) || 0));
    es.addEventListener('verdict', () => revision.value++);
    es.addEventListener('library', () => revision.value++);
    es.addEventListener('topics', () => onTopics());
    es.addEventListener('sentiment', () => revision.value++);
    for (const type of ['alert', 'alert-ack', 'alert-repeat'] as const) {
      es.addEventListener(type, (e) => {
        const alert = parse<Alert>(e);
        if (alert && typeof alert.id === 'number') receiveAlert(alert, type);
      });
    }
    es.addEventListener('report', (e) => {
      const report = parse<ReportFile>(e);
      if (report && typeof report.id === 'number' && typeof report.status === 'string') receiveReport(report);
    });
    es.addEventListener('job', (e) => {
      const job = parse<Job>(e);
      if (job && typeof job.id === 'number' && typeof job.total === 'number') onJob(job);
    });
  }

  function connect() {
    wanted = true;
    if (source || retryTimer || typeof EventSource === 'undefined') return;
    open();
  }

  function disconnect() {
    wanted = false;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    source?.close();
    source = null;
    connected.value = false;
  }

  const runningNames = computed(() => Object.values(running.value).map((r) => r.sourceName));
  /** The job to show progress for: one queued or running, if any. */
  const activeJob = computed(() => jobs.value.find((j) => j.status === 'queued' || j.status === 'running') ?? null);
  return { connected, running, runningNames, recentRuns, revision, topicsRevision, newItems, jobs, activeJob, connect, disconnect, onRun, onItems, onJob, onTopics, unackedAlerts, onAlert, receiveAlert, setUnackedAlerts, onReport, receiveReport };
});
