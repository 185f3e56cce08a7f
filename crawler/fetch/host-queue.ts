export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface HostLimits {
  /** Minimum gap between two request starts, and between a request's end and the next start in its slot. */
  delayMs: number;
  /** Requests in flight at once. */
  concurrency: number;
}

interface HostState {
  /** Slots handed out, busy or idle. */
  slots: number;
  /** End times of idle slots: a slot rests delayMs after its request before serving the next. */
  idle: number[];
  /** Requests waiting for a slot, first come first served; each receives the end time of the slot's last request. */
  waiting: ((restFrom: number) => void)[];
  lastStart: number;
  /** A server asked us to stay away until then (429 / 503 with Retry-After). */
  notBefore: number;
  /** Start decisions are made one at a time, so spacing holds however many requests arrive at once. */
  turn: Promise<void>;
  lastUsed: number;
}

/** Hosts remembered before idle ones are forgotten, so a crawler of many sites does not grow without bound. */
const MAX_IDLE_HOSTS = 1_000;
const IDLE_FORGET_MS = 60_000;

/**
 * Politeness per host: at most `concurrency` requests in flight, starts at least `delayMs` apart,
 * and a slot rests `delayMs` after its request ends. With concurrency 1 that is "one at a time, each
 * starting delayMs after the previous one ended". Different hosts never wait for each other. Shared
 * by every source that uses the same fetcher, so two sources on one site do not double the load.
 */
export function createHostQueue(deps: { sleep?: Sleep; now?: () => number } = {}) {
  const sleep = deps.sleep ?? realSleep;
  const now = deps.now ?? Date.now;
  const hosts = new Map<string, HostState>();

  function state(host: string): HostState {
    let s = hosts.get(host);
    if (!s) {
      forgetIdle();
      s = { slots: 0, idle: [], waiting: [], lastStart: -Infinity, notBefore: -Infinity, turn: Promise.resolve(), lastUsed: now() };
      hosts.set(host, s);
    }
    return s;
  }

  function forgetIdle(): void {
    if (hosts.size < MAX_IDLE_HOSTS) return;
    const cutoff = now() - IDLE_FORGET_MS;
    for (const [host, s] of hosts) {
      if (s.slots === s.idle.length && s.waiting.length === 0 && s.lastUsed < cutoff) hosts.delete(host);
    }
  }

  function acquire(s: HostState, concurrency: number): Promise<number> {
    if (s.waiting.length === 0) {
      // The slot that has rested longest goes first.
      if (s.idle.length > 0) {
        s.idle.sort((a, b) => a - b);
        return Promise.resolve(s.idle.shift() ?? -Infinity);
      }
      if (s.slots < concurrency) {
        s.slots += 1;
        return Promise.resolve(-Infinity);
      }
    }
    return new Promise((resolve) => s.waiting.push(resolve));
  }

  function release(s: HostState, endedAt: number, concurrency: number): void {
    const next = s.waiting.shift();
    if (next) next(endedAt);
    else if (s.slots > concurrency) s.slots -= 1; // another source lowered the limit meanwhile
    else s.idle.push(endedAt);
  }

  async function takeTurn(s: HostState, restFrom: number, delayMs: number): Promise<void> {
    const previous = s.turn;
    let done!: () => void;
    s.turn = new Promise<void>((resolve) => (done = resolve));
    await previous;
    try {
      const wait = Math.max(restFrom + delayMs, s.lastStart + delayMs, s.notBefore) - now();
      if (wait > 0) await sleep(wait);
      s.lastStart = now();
    } finally {
      done();
    }
  }

  async function run<T>(host: string, limits: HostLimits, task: () => Promise<T>): Promise<T> {
    const s = state(host);
    const concurrency = Math.max(1, Math.floor(limits.concurrency));
    const restFrom = await acquire(s, concurrency);
    try {
      await takeTurn(s, restFrom, limits.delayMs);
      return await task();
    } finally {
      s.lastUsed = now();
      release(s, s.lastUsed, concurrency);
    }
  }

  /** Keeps every request to `host` from starting before `ms` from now (a server's Retry-After). */
  function pause(host: string, ms: number): void {
    const s = state(host);
    s.notBefore = Math.max(s.notBefore, now() + ms);
  }

  return { run, pause };
}

export type HostQueue = ReturnType<typeof createHostQueue>;
