const KEY = 'yuqing.reviewer';

/** The reviewer's name is remembered on this device so editors type it once. */
export function loadReviewerName(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveReviewerName(name: string): void {
  try {
    localStorage.setItem(KEY, name.trim());
  } catch {
    // storage unavailable: the name lasts for this page only
  }
}

export type QueueStatus = 'pending' | 'decided' | 'all';

export function statusFromQuery(v: unknown): QueueStatus {
  if (Array.isArray(v)) v = v[0];
  return v === 'decided' || v === 'all' ? v : 'pending';
}

export function pageFromQuery(v: unknown): number {
  const n = Number.parseInt(Array.isArray(v) ? String(v[0]) : String(v ?? ''), 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 10_000) : 1;
}

/** Queue view → route query, leaving out the defaults (pending, page 1). */
export function queueQuery(status: QueueStatus, page: number): Record<string, string> {
  const q: Record<string, string> = {};
  if (status !== 'pending') q.status = status;
  if (page > 1) q.page = String(page);
  return q;
}
