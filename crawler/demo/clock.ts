/** Demo pages show Beijing time whatever the machine's TZ (UTC+8, no DST). */
const OFFSET_MS = 8 * 3_600_000;

export interface WallClock {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
  weekday: number;
}

export function shanghai(ms: number): WallClock {
  const t = new Date(ms + OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: t.getUTCHours(),
    mm: t.getUTCMinutes(),
    ss: t.getUTCSeconds(),
    weekday: t.getUTCDay(),
  };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** 2025-06-04 18:45:49 */
export function isoLocal(ms: number, withSeconds = true): string {
  const c = shanghai(ms);
  return `${c.y}-${p2(c.m)}-${p2(c.d)} ${p2(c.hh)}:${p2(c.mm)}${withSeconds ? `:${p2(c.ss)}` : ''}`;
}

/** 2025-06-04 */
export function dayLocal(ms: number): string {
  const c = shanghai(ms);
  return `${c.y}-${p2(c.m)}-${p2(c.d)}`;
}

/** 2025年06月04日 */
export function chineseDay(ms: number): string {
  const c = shanghai(ms);
  return `${c.y}年${p2(c.m)}月${p2(c.d)}日`;
}

/** 6月4日: how notices name the days they are about. */
export function monthDay(ms: number): string {
  const c = shanghai(ms);
  return `${c.m}月${c.d}日`;
}

/** 2025-6-4 18:45, the way Discuz forums print it. */
export function forumTime(ms: number): string {
  const c = shanghai(ms);
  return `${c.y}-${c.m}-${c.d} ${p2(c.hh)}:${p2(c.mm)}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 822 in +0800, as Chinese CMSs write RSS pubDate. */
export function rfc822(ms: number): string {
  const c = shanghai(ms);
  return `${DAYS[c.weekday]}, ${p2(c.d)} ${MONTHS[c.m - 1]} ${c.y} ${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)} +0800`;
}

/** 20250604, the date stamp in TRS-style government URLs (t20250604_123.htm). */
export function compactDay(ms: number): string {
  return dayLocal(ms).replace(/-/g, '');
}
