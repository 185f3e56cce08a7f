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
  const enabled = sources.filter((s) => s.enabled);

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
  const tasks: ScheduledTask[] = enabled.map((source) =>
    schedule(source.schedule, () => afterJitter(source), { name: `crawl:${source.id}`, timezone, noOverlap: true }),
  );
  log.info({ sources: enabled.map((s) => `${s.id} (${s.schedule})`) }, 'crawl schedules started');

  return {
    async runAllNow() {
      await Promise.all(enabled.map(runOnce));
    },
    stop() {
      stopped = true;
      for (const task of tasks) void task.destroy();
    },
  };
}
