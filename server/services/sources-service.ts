import type { SourceView } from '../contracts/source';
import type { SourcesRepo } from '../repositories/sources-repo';
import { NotFoundError } from '../errors';
import { lastShanghaiDays, shanghaiDayStart } from '../lib/time';
import { assessSourceHealth } from './source-health';

/** Sources with their health, and pausing them from the dashboard. */
export function createSourcesService(deps: { sources: SourcesRepo; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
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
      return this.listSources().find((s) => s.id === id)!;
    },
  };
}

export type SourcesService = ReturnType<typeof createSourcesService>;
