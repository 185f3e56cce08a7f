/** Display formatting: Asia/Shanghai times and Chinese-style large numbers, whatever the browser's zone. */

const TZ = 'Asia/Shanghai';

export type Locale = 'zh-CN' | 'en';

/** 12,345 → "1.2万" in Chinese (from 10,000), "12,345" in English; 1.2亿 from 100 million. */
export function formatCount(n: number, locale: Locale = 'zh-CN'): string {
  if (!Number.isFinite(n)) return '—';
  if (locale === 'zh-CN') {
    const abs = Math.abs(n);
    // Compare after rounding so 99,999,999 reads "1亿", not "10000万".
    if (abs >= 1e8 || Math.round(abs / 1e3) >= 1e5) return `${trim(n / 1e8)}亿`;
    if (abs >= 1e4) return `${trim(n / 1e4)}万`;
    return new Intl.NumberFormat('zh-CN').format(n);
  }
  return new Intl.NumberFormat('en').format(n);
}

function trim(v: number): string {
  return (Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function fmt(locale: Locale, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { timeZone: TZ, hourCycle: 'h23', ...opts });
    dateTimeFormats.set(key, f);
  }
  return f;
}

function parts(iso: string, locale: Locale, opts: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of fmt(locale, opts).formatToParts(new Date(iso))) out[p.type] = p.value;
  return out;
}

/** "2026-11-28 09:05" in Beijing time, for any locale (unambiguous in a table). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  const p = parts(iso, 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "11-28" for chart axes from a YYYY-MM-DD day. */
export function formatDayShort(day: string): string {
  return day.length >= 10 ? day.slice(5, 10) : day;
}

/** "3分钟前" / "3 min ago" for recent times, the full time beyond a day. */
export function formatRelative(iso: string | null | undefined, locale: Locale, now: number = Date.now()): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  const s = Math.round((now - ms) / 1000);
  const zh = locale === 'zh-CN';
  if (s < 60) return zh ? '刚刚' : 'just now';
  if (s < 3600) return zh ? `${Math.floor(s / 60)}分钟前` : `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return zh ? `${Math.floor(s / 3600)}小时前` : `${Math.floor(s / 3600)} h ago`;
  return formatDateTime(iso);
}

/** Today's day (YYYY-MM-DD) in Asia/Shanghai. */
export function shanghaiToday(now: Date = new Date()): string {
  const p = parts(now.toISOString(), 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

export function formatScore(score: number): string {
  return `${Math.round(score * 100)}`;
}

/** Common cron schedules in words ("每 5 分钟"); anything unusual is shown as written. */
export function describeSchedule(cron: string, locale: Locale): string {
  const f = cron.trim().split(/\s+/);
  if (f.length !== 5) return cron;
  const [min, hour, dom, mon, dow] = f as [string, string, string, string, string];
  const rest = dom === '*' && mon === '*' && dow === '*';
  const zh = locale === 'zh-CN';
  if (rest && hour === '*' && min === '*') return zh ? '每分钟' : 'every minute';
  const everyMin = /^\*\/(\d+)$/.exec(min);
  if (rest && hour === '*' && everyMin) return zh ? `每 ${everyMin[1]} 分钟` : `every ${everyMin[1]} min`;
  const everyHour = /^\*\/(\d+)$/.exec(hour);
  if (rest && /^\d+$/.test(min) && hour === '*') return zh ? `每小时第 ${min} 分` : `hourly at :${min.padStart(2, '0')}`;
  if (rest && /^\d+$/.test(min) && everyHour) return zh ? `每 ${everyHour[1]} 小时` : `every ${everyHour[1]} h`;
  if (rest && /^\d+$/.test(min) && /^\d+$/.test(hour)) {
    const hm = `${hour.padStart(2, '0')}:${min.padStart(2, '0')}`;
    return zh ? `每天 ${hm}` : `daily at ${hm}`;
  }
  return cron;
}

/** A trend bucket for an axis: a day "11-28", an hour (UTC instant) "11-28 09:00" in Beijing time. */
export function formatBucket(bucket: string, interval: 'day' | 'hour'): string {
  if (interval === 'day') return formatDayShort(bucket);
  const full = formatDateTime(bucket);
  return full === '—' ? bucket : `${full.slice(5, 13)}:00`;
}

/** A share 0…1 as a percentage with at most one decimal: 0.1234 → "12.3%". */
export function formatShare(share: number): string {
  if (!Number.isFinite(share)) return '—';
  return `${trim(share * 100)}%`;
}

export interface Change {
  /** 'new' when the previous period had nothing to compare with. */
  dir: 'up' | 'down' | 'flat' | 'new' | 'none';
  /** The absolute change in percent, one decimal, e.g. "12.5%" ('' for flat/new/none). */
  pct: string;
}

/** The change of a total against the period before it. */
export function changeOf(current: number, previous: number): Change {
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return { dir: 'none', pct: '' };
  if (previous === 0) return current === 0 ? { dir: 'flat', pct: '' } : { dir: 'new', pct: '' };
  const ratio = (current - previous) / previous;
  if (Math.abs(ratio) < 0.0005) return { dir: 'flat', pct: '' };
  return { dir: ratio > 0 ? 'up' : 'down', pct: `${trim(Math.abs(ratio) * 100)}%` };
}

/** A rising word's ratio: 3.24 → "3.2", 12.6 → "13". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return ratio >= 10 ? String(Math.round(ratio)) : trim(ratio);
}

/** A readable device name from a user agent: browser and system, or null. */
export function deviceName(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Windows/.test(ua) ? 'Windows' : /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  if (!browser && !os) return ua.slice(0, 40);
  return [browser, os].filter(Boolean).join(' · ');
}

/**
 * The names the system acts under (server/contracts/actor.ts SYSTEM_ACTORS, kept equal by a test),
 * with their i18n keys under actors.*.
 */
export const SYSTEM_ACTOR_NAMES: Record<string, string> = {
  系统自动匹配: 'autoMatch',
  '系统（定时生成）': 'scheduler',
  演示数据: 'demo',
};

/** Who acted, as the reader calls it: a person's name as typed, the system's in the UI's language. */
export function actorName(name: string, t: (key: string) => string): string {
  const key = SYSTEM_ACTOR_NAMES[name];
  return key ? t(`actors.${key}`) : name;
}

/**
 * A verdict's note as the reader reads it: anyone's note as typed, except the automatic match's, which
 * the server writes in Chinese from two figures ("与谣言库条目 #12 自动匹配（相似度 93%）", auto-match.ts;
 * a test keeps the two in step) and which is worded here from those figures.
 */
export function verdictNote(note: string | null | undefined, actor: string, t: (key: string, named?: Record<string, unknown>) => string): string | null {
  if (!note) return null;
  if (SYSTEM_ACTOR_NAMES[actor] !== 'autoMatch') return note;
  const m = /#(\d+)\D+?(\d+)%/.exec(note);
  return m ? t('actors.autoMatchNote', { id: m[1], similarity: m[2] }) : note;
}
