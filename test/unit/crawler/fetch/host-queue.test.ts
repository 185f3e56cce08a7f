import { describe, expect, it } from 'vitest';
import { createHostQueue } from '../../../../crawler/fetch/host-queue';

/** A virtual clock: sleep advances it, so spacing is checked exactly and instantly. */
function virtualTime() {
  let t = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: t + ms, resolve })),
    /** Runs until nothing is waiting on the clock. */
    async drain(): Promise<void> {
      for (;;) {
        for (let i = 0; i < 20; i++) await Promise.resolve();
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift();
        if (!next) return;
        t = Math.max(t, next.at);
        next.resolve();
      }
    },
  };
}

describe('createHostQueue', () => {
  it('runs one request at a time per host by default, each starting delayMs after the previous ended', async () => {
    const clock = virtualTime();
    const queue = createHostQueue(clock);
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`${name} start ${clock.now()}`);
      await clock.sleep(ms);
      events.push(`${name} end ${clock.now()}`);
    };
    const all = Promise.all([queue.run('a.cn', { delayMs: 100, concurrency: 1 }, task('1', 50)), queue.run('a.cn', { delayMs: 100, concurrency: 1 }, task('2', 50))]);
    await clock.drain();
    await all;
    expect(events).toEqual(['1 start 0', '1 end 50', '2 start 150', '2 end 200']);
  });

  it('keeps up to `concurrency` requests in flight, starts spaced by delayMs', async () => {
    const clock = virtualTime();
    const queue = createHostQueue(clock);
    let inFlight = 0;
    let peak = 0;
    const starts: number[] = [];
    const jobs = Array.from({ length: 6 }, () =>
      queue.run('b.cn', { delayMs: 10, concurrency: 3 }, async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        starts.push(clock.now());
        await clock.sleep(100);
        inFlight -= 1;
      }),
    );
    await clock.drain();
    await Promise.all(jobs);
    expect(peak).toBe(3);
    // Three start 10 ms apart; each later one waits for a slot and for that slot to rest 10 ms.
    expect(starts).toEqual([0, 10, 20, 110, 120, 130]);
  });

  it('never makes different hosts wait for each other', async () => {
    const clock = virtualTime();
    const queue = createHostQueue(clock);
    const starts: Record<string, number> = {};
    const jobs = ['x.cn', 'y.cn', 'z.cn'].map((host) =>
      queue.run(host, { delayMs: 1_000, concurrency: 1 }, async () => {
        starts[host] = clock.now();
      }),
    );
    await clock.drain();
    await Promise.all(jobs);
    expect(starts).toEqual({ 'x.cn': 0, 'y.cn': 0, 'z.cn': 0 });
  });

  it('holds every request to a paused host (Retry-After)', async () => {
    const clock = virtualTime();
    const queue = createHostQueue(clock);
    queue.pause('c.cn', 5_000);
    let startedAt = -1;
    const job = queue.run('c.cn', { delayMs: 0, concurrency: 4 }, async () => {
      startedAt = clock.now();
    });
    await clock.drain();
    await job;
    expect(startedAt).toBe(5_000);
  });

  it('releases the slot when a task throws', async () => {
    const clock = virtualTime();
    const queue = createHostQueue(clock);
    const failed = queue.run('d.cn', { delayMs: 0, concurrency: 1 }, async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    const ok = queue.run('d.cn', { delayMs: 0, concurrency: 1 }, async () => 'next');
    await clock.drain();
    await expect(ok).resolves.toBe('next');
  });
});
