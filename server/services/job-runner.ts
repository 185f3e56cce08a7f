import type { Job, JobKind } from '../contracts/job';

/** One step of a job's work; returns false when there is nothing left. */
export interface JobBody {
  total: number;
  step(job: Job): boolean;
}

const KEPT = 20;

/**
 * Runs long jobs in the background, one of a kind at a time, a small step per event-loop turn so
 * requests keep being served. A request for a kind already queued joins it; one arriving while that
 * kind runs queues a fresh run, since the running one may have passed the items that now changed.
 */
export function createJobRunner(deps: { onProgress?: (job: Job) => void; now?: () => Date; log?: (err: Error, job: Job) => void }) {
  const now = deps.now ?? (() => new Date());
  const jobs: Job[] = [];
  const waiting = new Map<JobKind, { job: Job; start: () => JobBody }>();
  const running = new Set<JobKind>();
  const idle: (() => void)[] = [];
  let nextId = 1;

  function publish(job: Job): void {
    deps.onProgress?.({ ...job });
  }

  function settle(): void {
    if (running.size === 0 && waiting.size === 0) for (const fn of idle.splice(0)) fn();
  }

  function run(kind: JobKind): void {
    const entry = waiting.get(kind);
    if (!entry || running.has(kind)) return;
    waiting.delete(kind);
    running.add(kind);
    const { job } = entry;
    let body: JobBody;
    try {
      body = entry.start();
    } catch (err) {
      finish(job, kind, err as Error);
      return;
    }
    job.status = 'running';
    job.total = body.total;
    job.startedAt = now().toISOString();
    publish(job);
    const tick = () => {
      try {
        const more = body.step(job);
        publish(job);
        if (more) setImmediate(tick);
        else finish(job, kind, null);
      } catch (err) {
        finish(job, kind, err as Error);
      }
    };
    setImmediate(tick);
  }

  function finish(job: Job, kind: JobKind, err: Error | null): void {
    job.status = err ? 'failed' : 'done';
    job.error = err ? err.message : null;
    job.finishedAt = now().toISOString();
    if (err) deps.log?.(err, job);
    publish(job);
    running.delete(kind);
    run(kind);
    settle();
  }

  return {
    /** Queues a job of this kind unless one is already waiting; returns the queued job. */
    request(kind: JobKind, reason: string, start: () => JobBody): Job {
      const pending = waiting.get(kind);
      if (pending) {
        if (!pending.job.reason.includes(reason)) pending.job.reason = `${pending.job.reason}; ${reason}`.slice(0, 500);
        return { ...pending.job };
      }
      const job: Job = { id: nextId++, kind, reason, status: 'queued', done: 0, total: 0, changed: 0, startedAt: null, finishedAt: null, error: null };
      jobs.unshift(job);
      jobs.splice(KEPT);
      waiting.set(kind, { job, start });
      publish(job);
      setImmediate(() => run(kind));
      return { ...job };
    },

    list(): Job[] {
      return jobs.map((j) => ({ ...j }));
    },

    /** Resolves when nothing is queued or running (tests, shutdown). */
    waitIdle(): Promise<void> {
      if (running.size === 0 && waiting.size === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
