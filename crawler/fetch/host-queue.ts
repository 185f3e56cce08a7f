export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Politeness: requests to one host run one at a time, each starting at least `delayMs` after the
 * previous one ended. Different hosts never wait for each other. Shared by every source that uses
 * the same fetcher, so two sources on one site do not double the load on it.
 */
export function createHostQueue(deps: { sleep?: Sleep; now?: () => number } = {}) {
  const sleep = deps.sleep ?? realSleep;
  const now = deps.now ?? Date.now;
  const tails = new Map<string, Promise<void>>();
  const lastEnd = new Map<string, number>();

  return async function run<T>(host: string, delayMs: number, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    tails.set(host, tail);
    await previous;
    try {
      const wait = (lastEnd.get(host) ?? -Infinity) + delayMs - now();
      if (wait > 0) await sleep(wait);
      return await task();
    } finally {
      lastEnd.set(host, now());
      release();
      if (tails.get(host) === tail) tails.delete(host);
      // Forget idle hosts so a long-running crawler of many sites does not grow without bound.
      if (lastEnd.size > 1_000) {
        for (const [h, t] of lastEnd) if (!tails.has(h) && now() - t > 60_000) lastEnd.delete(h);
      }
    }
  };
}

export type HostQueue = ReturnType<typeof createHostQueue>;
