/**
 * Tells live dashboards that items were stored (the 'items' event) — never sooner than `delayMs()`
 * after the writes it announces, and about once per delay at most, with the counts of the batches in
 * between summed.
 *
 * Why late: under a stale tolerance (see Freshness in repositories/change-version.ts) a cached
 * aggregate may lag background writes by up to that long. A dashboard reloads when this event
 * arrives; sent at least the tolerance after the writes, the reload is sure to see them. Why
 * seldom: every open dashboard reloads on it, and ingest may store ten batches a second.
 * A delay of 0 announces each batch at once.
 */
export function createItemsAnnouncer(emit: (newItems: number) => void, delayMs: () => number) {
  const pending: { atMs: number; n: number }[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastEmitMs = -Infinity;

  function schedule() {
    if (timer || pending.length === 0) return;
    const delay = delayMs();
    const due = Math.max(pending[0]!.atMs + delay, lastEmitMs + delay);
    timer = setTimeout(flush, Math.max(0, due - Date.now()) + 1);
    timer.unref?.();
  }

  function flush() {
    timer = null;
    const cutoff = Date.now() - delayMs();
    let n = 0;
    while (pending.length && pending[0]!.atMs <= cutoff) n += pending.shift()!.n;
    if (n > 0) {
      lastEmitMs = Date.now();
      emit(n);
    }
    schedule();
  }

  return {
    /** `n` items were just committed. */
    announce(n: number): void {
      if (n <= 0) return;
      if (delayMs() <= 0 && pending.length === 0) {
        emit(n);
        return;
      }
      pending.push({ atMs: Date.now(), n });
      schedule();
    },
    /** Sends what is pending now (shutting down: the stream is about to end). */
    close(): void {
      if (timer) clearTimeout(timer);
      timer = null;
      const n = pending.splice(0).reduce((a, p) => a + p.n, 0);
      if (n > 0) emit(n);
    },
  };
}

export type ItemsAnnouncer = ReturnType<typeof createItemsAnnouncer>;
