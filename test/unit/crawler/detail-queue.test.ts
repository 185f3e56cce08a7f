import { describe, expect, it } from 'vitest';
import { createDetailQueue } from '../../../crawler/crawl-source';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createDetailQueue', () => {
  it('keeps `concurrency` links in flight across pushes, with no barrier between list pages', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: string[] = [];
    const queue = createDetailQueue(3, async (url) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight -= 1;
      done.push(url);
    });
    queue.push(['a1', 'a2', 'a3', 'a4']);
    // The walker may read the next list page once no more than `concurrency` links wait.
    await queue.waitForRoom();
    expect(done.length).toBeLessThan(4);
    queue.push(['b1', 'b2']);
    await queue.drain();
    expect(peak).toBe(3);
    expect(done.sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2']);
  });

  it('makes waitForRoom wait while more than `concurrency` links are unstarted', async () => {
    const queue = createDetailQueue(1, async () => {
      await tick();
    });
    queue.push(['1', '2', '3', '4']);
    let roomy = false;
    const room = queue.waitForRoom().then(() => (roomy = true));
    await Promise.resolve();
    expect(roomy).toBe(false);
    await room;
    await queue.drain();
  });

  it('rethrows a failing step from drain', async () => {
    const queue = createDetailQueue(2, async (url) => {
      if (url === 'bad') throw new Error('progress callback failed');
    });
    queue.push(['ok', 'bad']);
    await expect(queue.drain()).rejects.toThrow('progress callback failed');
  });
});
