import { schedule, type ScheduledTask } from 'node-cron';
import type { SourceConfig } from '../server/contracts/source';
import { describeError } from './errors';
import { silentLog, type CrawlLog } from './log';

export interface ScheduleOptions {
  log?: CrawlLog;
  /** Cron fields are read in this zone; the district works on Beijing time. */
  timezone?: string;
  /**
   * Each scheduled run waits a random 0…jitterMs first, so sources sharing a schedule ("every 5
   * minutes") do not all hit the network in the same second. runAllNow does not wait.
   */
  jitterMs?: number;
  random?: () => number;
}

export interface Schedules {
  /** Crawls every enabled source once now (skipping any already running); resolves when all end. */
  runAllNow(): Promise<void>;
  /**
   * Makes the running schedules match a new source list (sources added, edited, disabled or
   * removed): new sources get a task, a changed config or cron expression replaces its task,
   * removed and disabled ones stop. Unchanged tasks keep running; a run in progress is not cut.
   */
  update(sources: SourceConfig[]): void;
  stop(): void;
}

/**
 * One cron task per enabled source. A source whose previous run is still going is skipped, whether
 * the run came from its schedule or from runAllNow, and a failing run never reaches node-cron.
 */
export function startSchedules(
  sources: SourceConfig[],
  runSource: (source: SourceConfig) => Promise<unknown>,
  opts: ScheduleOptions = {},
): Schedules {
  const log = opts.log ?? silentLog;
  const timezone = opts.timezone ?? 'Asia/Shanghai';
  const running = new Map<string, Promise<void>>();

  function runOnce(source: SourceConfig): Promise<void> {
    const current = running.get(source.id);
    if (current) {
      log.debug({ sourceId: source.id }, 'previous crawl still running; skipped');
      return current;
    }
    const done = runSource(source)
      .then(() => undefined)
      .catch((err: unknown) => log.error({ sourceId: source.id, err: describeError(err) }, 'crawl run failed'))
      .finally(() => running.delete(source.id));
    running.set(source.id, done);
    return done;
  }

  const jitterMs = opts.jitterMs ?? 10_000;
  const random = opts.random ?? Math.random;
  let stopped = false;
  const afterJitter = async (source: SourceConfig): Promise<void> => {
    const wait = Math.floor(random() * jitterMs);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
    if (!stopped) await runOnce(source);
  };
  /** id → the config its task runs (as JSON, to notice any change) and the task. */
  const tasks = new Map<string, { key: string; source: SourceConfig; task: ScheduledTask }>();
  const startTask = (source: SourceConfig) => {
    const task = schedule(source.schedule, () => afterJitter(source), { name: `crawl:${source.id}`, timezone, noOverlap: true });
    tasks.set(source.id, { key: JSON.stringify(source), source, task });
  };
  const enabledOf = (list: SourceConfig[]) => list.filter((s) => s.enabled);
  for (const source of enabledOf(sources)) startTask(source);
  log.info({ sources: [...tasks.values()].map((t) => `${t.source.id} (${t.source.schedule})`) }, 'crawl schedules started');

  return {
    async runAllNow() {
      await Promise.all([...tasks.values()].map((t) => runOnce(t.source)));
    },
    update(next: SourceConfig[]) {
      if (stopped) return;
      const wanted = new Map(enabledOf(next).map((s) => [s.id, s]));
      const changes: string[] = [];
      for (const [id, t] of tasks) {
        const want = wanted.get(id);
        if (want && JSON.stringify(want) === t.key) continue;
        void t.task.destroy();
        tasks.delete(id);
        if (!want) changes.push(`-${id}`);
      }
      for (const [id, source] of wanted) {
        if (tasks.has(id)) continue;
        startTask(source);
        changes.push(`+${id} (${source.schedule})`);
      }
      if (changes.length) log.info({ changes }, 'crawl schedules updated');
    },
    stop() {
      stopped = true;
      for (const t of tasks.values()) void t.task.destroy();
      tasks.clear();
    },
  };
}
