import { EventEmitter } from 'node:events';
import type { CrawlRun } from '../contracts/source';
import type { Job } from '../contracts/job';
import type { Alert } from '../contracts/alerts';
import type { ReportFile } from '../contracts/report';

/** Live events for the dashboard (sent as server-sent events). */
export interface AppEvents {
  'crawl-run': CrawlRun;
  items: { new: number };
  verdict: { itemId: number };
  job: Job;
  /** A library entry or its rebuttals changed. */
  library: { id: number };
  /** Topics whose stored items were (re)matched. */
  topics: { ids: number[] };
  /** Items whose sentiment an analyst set. */
  sentiment: { itemIds: number[] };
  /** A new alert (rule, resurfaced rumour, silent source, escalation). */
  alert: Alert;
  /** An alert acknowledged (who and when). */
  'alert-ack': Alert;
  /** The same thing again within an open alert's cooldown: folded in, its repeat count raised. */
  'alert-repeat': Alert;
  /** A work-summary report queued, progressing, done or failed. */
  report: ReportFile;
  /**
   * Sources added, edited, paused or deleted from the dashboard: the schedules reload (server-side
   * only; not sent to the dashboard's event stream).
   */
  'sources-changed': { ids: string[] };
  /**
   * Items committed by ingest, at once (server-side only: alert evaluation follows every batch). The
   * dashboards hear of them through 'items', sent later (see items-announcer.ts).
   */
  'items-stored': { new: number };
}

export function createEventBus() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(1_000);
  return {
    emit<K extends keyof AppEvents>(type: K, data: AppEvents[K]): void {
      emitter.emit(type, data);
    },
    on<K extends keyof AppEvents>(type: K, fn: (data: AppEvents[K]) => void): () => void {
      emitter.on(type, fn);
      return () => emitter.off(type, fn);
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
