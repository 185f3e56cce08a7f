import { describe, expect, it, vi } from 'vitest';
import { startSchedules } from '../../../crawler/schedule';
import { SourceConfig } from '../../../server/contracts/source';

const source = (id: string, extra: Record<string, unknown> = {}) =>
  SourceConfig.parse({ id, name: id, kind: 'news', type: 'rss', url: `https://${id}.example.com/feed`, schedule: '0 0 1 1 *', ...extra });

describe('startSchedules', () => {
  it('runAllNow runs each enabled source once and never rethrows a failed run', async () => {
    const calls: string[] = [];
    const handle = startSchedules([source('a'), source('b', { enabled: false }), source('c')], async (s) => {
      calls.push(s.id);
      if (s.id === 'c') throw new Error('boom');
    });
    try {
      await expect(handle.runAllNow()).resolves.toBeUndefined();
      expect(calls.sort()).toEqual(['a', 'c']);
    } finally {
      handle.stop();
    }
  });

  it('does not start a source again while its previous run is still going', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = vi.fn(async () => gate);
    const handle = startSchedules([source('a')], run);
    try {
      const first = handle.runAllNow();
      const second = handle.runAllNow();
      release();
      await Promise.all([first, second]);
      expect(run).toHaveBeenCalledTimes(1);
      await handle.runAllNow();
      expect(run).toHaveBeenCalledTimes(2);
    } finally {
      handle.stop();
    }
  });

  it('runs a source on its cron schedule until stopped', async () => {
    const run = vi.fn(async () => undefined);
    const handle = startSchedules([source('tick', { schedule: '* * * * * *' })], run, { jitterMs: 0 });
    try {
      await vi.waitFor(() => expect(run).toHaveBeenCalled(), { timeout: 2_500, interval: 50 });
    } finally {
      handle.stop();
    }
    const count = run.mock.calls.length;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(run).toHaveBeenCalledTimes(count);
  });

  it('spreads scheduled runs by a random jitter, and a stop cancels a run still waiting for it', async () => {
    const run = vi.fn(async () => undefined);
    const handle = startSchedules([source('tick', { schedule: '* * * * * *' })], run, { jitterMs: 1_500, random: () => 0.99 });
    // The first tick comes within a second; without jitter it would have run by now.
    await new Promise((r) => setTimeout(r, 1_100));
    handle.stop();
    expect(run).not.toHaveBeenCalled();
    // Its ~1.5 s wait has passed: the stop kept it from running.
    await new Promise((r) => setTimeout(r, 1_800));
    expect(run).not.toHaveBeenCalled();
  });

  it('update() follows the source list: a new source runs on its cron, an edited one uses its new config, a removed or disabled one stops', async () => {
    const calls: string[] = [];
    const run = vi.fn(async (s: SourceConfig) => {
      calls.push(`${s.id}:${s.name}`);
    });
    // 'a' never fires on its own (1 January), 'gone' neither: only update() can make them tick.
    const handle = startSchedules([source('a'), source('gone'), source('off')], run, { jitterMs: 0 });
    try {
      handle.update([
        source('a', { name: 'edited', schedule: '* * * * * *' }),
        source('off', { enabled: false }),
        source('new', { schedule: '* * * * * *' }),
      ]);
      await vi.waitFor(
        () => {
          expect(calls).toContain('a:edited');
          expect(calls).toContain('new:new');
        },
        { timeout: 2_500, interval: 50 },
      );
      await handle.runAllNow();
      expect(calls.some((c) => c.startsWith('gone') || c.startsWith('off'))).toBe(false);
      expect(calls).not.toContain('a:a');
      // An unchanged list keeps the tasks; an empty one stops them all.
      handle.update([]);
      calls.length = 0;
      await handle.runAllNow();
      await new Promise((r) => setTimeout(r, 1_200));
      expect(calls).toEqual([]);
    } finally {
      handle.stop();
    }
  });
});
