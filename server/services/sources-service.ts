import { validateDetailed } from 'node-cron';
import type { FieldError } from '../contracts/api';
import type { SourceConfig, SourceView } from '../contracts/source';
import type { SourcesRepo } from '../repositories/sources-repo';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { lastShanghaiDays, shanghaiDayStart } from '../lib/time';
import { isPrivateAddress } from '../../crawler/fetch/ssrf';
import { assessSourceHealth } from './source-health';
import type { EventBus } from './event-bus';


/** Loopback / private hosts named literally in the URL (names are checked again by the fetcher at each request). */
function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const bare = host.replace(/^\[|\]$/g, '');
  return /^[\d.]+$/.test(bare) || bare.includes(':') ? isPrivateAddress(bare) : false;
}

/**
 * Checks zod's schema cannot express, the same the config-file loader makes (crawler/config.ts):
 * a valid cron expression, an http(s) URL, and no private-network address unless the source is
 * allow-listed with allowPrivateNetwork.
 */
export function sourceConfigIssues(s: SourceConfig): FieldError[] {
  const out: FieldError[] = [];
  const cron = validateDetailed(s.schedule);
  if (!cron.valid) {
    const why = cron.errors.map((e) => e.message).join('; ') || 'not a cron expression';
    out.push({ path: 'schedule', message: `invalid cron expression "${s.schedule}" (${why})`, code: 'not_a_cron', params: { value: s.schedule } });
  }
  if (!/^https?:\/\//i.test(s.url)) out.push({ path: 'url', message: 'must be an http:// or https:// URL', code: 'not_http' });
  else if (!s.allowPrivateNetwork && isPrivateHost(new URL(s.url).hostname)) {
    out.push({
      path: 'url',
      message: 'a loopback or private-network address; set allowPrivateNetwork: true on the source if this is intended',
      code: 'private_address',
    });
  }
  return out;
}

function refuseIssues(issues: FieldError[]): void {
  if (!issues.length) return;
  throw new ValidationError(`invalid source: ${issues.map((e) => `${e.path}: ${e.message}`).join('; ')}`, issues);
}

const FILE_SOURCE_MESSAGE = (id: string) =>
  `source ${id} comes from the configuration file (SOURCES_FILE): edit it there and restart; from the dashboard it can only be paused`;

/** Sources with their health; pausing them, and adding / editing / deleting dashboard sources (admins). */
export function createSourcesService(deps: { sources: SourcesRepo; events?: EventBus; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const changed = (id: string) => deps.events?.emit('sources-changed', { ids: [id] });

  function view(id: string): SourceView {
    const found = service.listSources().find((s) => s.id === id);
    if (!found) throw new NotFoundError('source', id);
    return found;
  }

  /** The source as a dashboard source may be changed; refuses file sources with a 409. */
  function dashboardRecord(id: string) {
    const rec = deps.sources.getSourceRecord(id);
    if (!rec || rec.type === 'manual') throw new NotFoundError('source', id);
    if (rec.origin !== 'dashboard') throw new ConflictError(FILE_SOURCE_MESSAGE(id), 'file_source', { id });
    return rec;
  }

  const service = {
    listSources(): SourceView[] {
      const at = now();
      const days = lastShanghaiDays(7, at);
      const from = shanghaiDayStart(days[0]!).toISOString();
      return deps.sources.listSources().map((s) => ({
        ...s,
        health: assessSourceHealth({ now: at.getTime(), days, ...deps.sources.healthData(s.id, from) }),
      }));
    },
    setPaused(id: string, paused: boolean): SourceView {
      if (!deps.sources.setPaused(id, paused)) throw new NotFoundError('source', id);
      changed(id);
      return view(id);
    },
    /** The stored config of a source (either origin), for the dashboard's edit form. */
    getConfig(id: string): { origin: 'file' | 'dashboard'; config: SourceConfig } {
      const rec = deps.sources.getSourceRecord(id);
      if (!rec || rec.type === 'manual') throw new NotFoundError('source', id);
      return { origin: rec.origin, config: JSON.parse(rec.config) as SourceConfig };
    },
    /** A new dashboard source; ids are unique across every origin (disabled file sources included). */
    create(config: SourceConfig): SourceView {
      refuseIssues(sourceConfigIssues(config));
      if (deps.sources.getSourceRecord(config.id)) {
        throw new ConflictError(`a source with id ${config.id} exists already (ids are kept for ever: choose another)`, 'id_taken', {
          what: 'source',
          value: config.id,
        });
      }
      deps.sources.saveDashboardSource(config, now().toISOString());
      changed(config.id);
      return view(config.id);
    },
    /** Replaces a dashboard source's config (the id cannot change: items keep it). */
    replace(id: string, config: SourceConfig): SourceView {
      if (config.id !== id) refuseIssues([{ path: 'id', message: `cannot change a source's id (${id})` }]);
      dashboardRecord(id);
      refuseIssues(sourceConfigIssues(config));
      deps.sources.saveDashboardSource(config, now().toISOString());
      changed(id);
      return view(id);
    },
    /** Deletes a dashboard source that has collected nothing; one with items is paused instead. */
    remove(id: string): void {
      const rec = dashboardRecord(id);
      if (rec.itemCount > 0) {
        throw new ConflictError(`source ${id} has ${rec.itemCount} items, which keep naming it: pause it instead of deleting it`, 'source_has_items', {
          id,
          count: rec.itemCount,
        });
      }
      if (!deps.sources.deleteDashboardSource(id)) throw new ConflictError(`source ${id} could not be deleted`);
      changed(id);
    },
  };
  return service;
}

export type SourcesService = ReturnType<typeof createSourcesService>;
