import { MAX_URL_CHARS } from '../../server/contracts/item';

/** A URL an item could not be stored under is not worth fetching; session and calendar loops grow past it. */
export const MAX_URL_LENGTH = MAX_URL_CHARS;
/** "/cal/2024/cal/2024/cal/…" and "/a/b/a/b/a/…": relative links that resolve against themselves forever. */
export const MAX_SEGMENT_REPEATS = 3;
export const MAX_PATH_SEGMENTS = 24;

/**
 * Why a URL looks like a crawler trap (an endless calendar, a session loop, a relative link that
 * keeps nesting), or null when it looks like an ordinary page. Pure, so it runs on every link.
 */
export function trapReason(href: string): string | null {
  if (href.length > MAX_URL_LENGTH) return `URL longer than ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'not a URL';
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.length > MAX_PATH_SEGMENTS) return `path deeper than ${MAX_PATH_SEGMENTS} segments`;
  const counts = new Map<string, number>();
  for (const segment of segments) {
    const key = segment.toLowerCase();
    const n = (counts.get(key) ?? 0) + 1;
    if (n >= MAX_SEGMENT_REPEATS) return `path repeats the segment "${segment.slice(0, 40)}" ${n} times`;
    counts.set(key, n);
  }
  return null;
}
