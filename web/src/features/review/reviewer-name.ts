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
  return v === 'decided' || v === 'all' ? v : 'pending';
}
