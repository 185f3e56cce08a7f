import type { RetentionRepo } from '../repositories/retention-repo';

const DAY_MS = 86_400_000;
const BATCH = 2_000;

/**
 * The retention policy: raw items (title, body, author handle) older than `days` are deleted;
 * what was counted from them stays — hourly and daily trend counts, keyword counts, reports already
 * written — and so do the items the rumour desk and the ledger stand on (see retention-repo).
 * Runs in batches so the server keeps answering between them.
 */
export function createRetentionService(deps: {
  repo: RetentionRepo;
  /** Brings the trend rollup up to date, so the purged items are already counted. */
  refreshCounts: () => void;
  /** Purged ids leave the in-memory indexes too. */
  onPurged?: (ids: number[]) => void;
  days: number;
  now?: () => Date;
}) {
  const now = () => deps.now?.() ?? new Date();
  return {
    days: deps.days,
    /** Purges everything past the period; returns how many items went. 0 days: the policy is off. */
    async purge(): Promise<number> {
      if (deps.days <= 0) return 0;
      const before = new Date(now().getTime() - deps.days * DAY_MS).toISOString();
      let purged = 0;
      for (;;) {
        deps.refreshCounts();
        const ids = deps.repo.purgeBatch(before, BATCH, now().toISOString());
        if (ids.length === 0) return purged;
        deps.onPurged?.(ids);
        purged += ids.length;
        await new Promise((r) => setImmediate(r));
      }
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
