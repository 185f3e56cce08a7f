/**
 * Dates as Chinese sites and feeds write them → ISO 8601 with an explicit offset. Hand-written on
 * purpose: the handful of formats below cover what government, media and forum pages use, and a
 * general natural-language parser guesses where we would rather return null.
 */
export interface DateOptions {
  /** The offset local times are read in and results written in; Asia/Shanghai (UTC+8, no DST since 1991). */
  offsetMinutes?: number;
  /** Reference instant for relative forms ("3分钟前", "昨天 18:45") and year-less dates. */
  now?: Date;
}

export const SHANGHAI_OFFSET_MINUTES = 480;
const MINUTE = 60_000;
const DAY = 86_400_000;

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/**
 * RFC 822 zones. "CST" is read as China Standard Time, not US Central: Java-built Chinese CMSs
 * (Date.toString()) stamp their feeds with it, and those feeds are what this crawler reads.
 */
const ZONES: Record<string, number> = { gmt: 0, ut: 0, utc: 0, z: 0, cst: 480, bjt: 480, edt: -240, est: -300, cdt: -300, mdt: -360, mst: -420, pdt: -420, pst: -480 };

/** An instant → "YYYY-MM-DDTHH:mm:ss+08:00" (or the given offset). */
export function formatWithOffset(instantMs: number, offsetMinutes: number = SHANGHAI_OFFSET_MINUTES): string {
  const local = new Date(instantMs + offsetMinutes * MINUTE).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Wall-clock fields read in `offsetMinutes` → instant, or null when a field is out of range. */
function localToInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMinutes: number): number | null {
  if (y < 1970 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * MINUTE;
}

function num(s: string | undefined): number {
  return s === undefined ? 0 : Number(s);
}

/** How much of a date the text gave: "2023年6月" is a month, "3小时前" is reported as a minute. */
export type DatePrecision = 'year' | 'month' | 'day' | 'minute' | 'second';

export interface ParsedDate {
  /** ISO 8601 with offset; the first instant the text allows (a month-only date is its 1st, 00:00). */
  iso: string;
  precision: DatePrecision;
}

export interface PrecisionOptions extends DateOptions {
  /**
   * Also accept dates without a day ("2023年6月", "2023-06", "2018年"). Off by default: in running
   * text a bare year is far more often a number than a date, so only labelled contexts turn it on.
   */
  partial?: boolean;
}

const ISO_WITH_ZONE = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})(?![\d:])/i;
const RFC822 = /(?:\b[a-z]{3},?\s*)?\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{4}|[a-z]{1,4})\b)?/i;
const YMD = /(?<!\d)(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?(?:\s*T?\s*(\d{1,2})\s*(?::|时|点)\s*(\d{1,2})(?!\d)(?:\s*:\s*(\d{1,2})(?!\d)|\s*分(?:\s*(\d{1,2})\s*秒)?)?)?/;
/** "7/5/2005 9:23:57 PM": ASP.NET's en-US default, common on older Chinese sites; read month first. */
const US_DATE = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?/i;
const YM = /(?<!\d)(\d{4})\s*(?:年\s*(\d{1,2})\s*月|[-/.](\d{1,2})(?![\d\-/.]))/;
const YEAR = /(?<!\d)(\d{4})\s*年/;
const MD_NO_YEAR = /(?<!\d)(\d{1,2})\s*(?:月|-)\s*(\d{1,2})\s*日?(?:\s+(\d{1,2}):(\d{2}))?(?![\d:])/;
const AGO = /(\d+|半)\s*(秒|分钟|分鐘|个?小时|個?小時|天|日|周|週|星期)前/;
const DAY_WORD = /(今天|昨天|前天)\s*(?:(\d{1,2})\s*[:：]\s*(\d{2}))?/;

interface Found {
  at: number;
  precision: DatePrecision;
}

/** Parses one date in `text`; returns ISO 8601 with offset, or null when nothing parses cleanly. */
export function parseDate(text: string | null | undefined, opts: DateOptions = {}): string | null {
  return parseDateWithPrecision(text, opts)?.iso ?? null;
}

/** Like parseDate, and says how precise the text was ("2023-06-04" is a day, "5分钟前" a minute). */
export function parseDateWithPrecision(text: string | null | undefined, opts: PrecisionOptions = {}): ParsedDate | null {
  if (!text) return null;
  const offset = opts.offsetMinutes ?? SHANGHAI_OFFSET_MINUTES;
  // NFKC turns full-width digits and colons (２０２３：) into ASCII ones.
  const t = text.normalize('NFKC');
  const found = parseInstant(t, offset, opts.now) ?? (opts.partial ? parsePartial(t, offset) : null);
  return found === null ? null : { iso: formatWithOffset(found.at, offset), precision: found.precision };
}

function withTime(hasMinutes: boolean, hasSeconds: boolean): DatePrecision {
  return hasSeconds ? 'second' : hasMinutes ? 'minute' : 'day';
}

function parseInstant(t: string, offset: number, now: Date | undefined): Found | null {
  const iso = ISO_WITH_ZONE.exec(t);
  if (iso) {
    const zone = iso[7] ?? 'Z';
    const zoneMinutes = zone.toUpperCase() === 'Z' ? 0 : zoneToMinutes(zone.replace(':', ''));
    const at = localToInstant(num(iso[1]), num(iso[2]), num(iso[3]), num(iso[4]), num(iso[5]), num(iso[6]), zoneMinutes ?? 0);
    if (at !== null) return { at, precision: withTime(true, iso[6] !== undefined) };
  }
  const rfc = RFC822.exec(t);
  if (rfc && rfc[2] && MONTHS[rfc[2].toLowerCase()] !== undefined) {
    let year = num(rfc[3]);
    if (year < 100) year += year < 70 ? 2000 : 1900;
    const zone = rfc[7] ? zoneToMinutes(rfc[7]) : offset;
    const at = localToInstant(year, MONTHS[rfc[2].toLowerCase()] ?? 0, num(rfc[1]), num(rfc[4]), num(rfc[5]), num(rfc[6]), zone ?? offset);
    if (at !== null) return { at, precision: withTime(true, rfc[6] !== undefined) };
  }
  const ymd = YMD.exec(t);
  if (ymd) {
    const seconds = ymd[6] ?? ymd[7];
    const at = localToInstant(num(ymd[1]), num(ymd[2]), num(ymd[3]), num(ymd[4]), num(ymd[5]), num(seconds), offset);
    if (at !== null) return { at, precision: withTime(ymd[5] !== undefined, seconds !== undefined) };
  }
  const us = US_DATE.exec(t);
  if (us) {
    let hour = num(us[4]);
    const half = us[7]?.toUpperCase();
    if (half === 'PM' && hour < 12) hour += 12;
    if (half === 'AM' && hour === 12) hour = 0;
    const at = localToInstant(num(us[3]), num(us[1]), num(us[2]), hour, num(us[5]), num(us[6]), offset);
    if (at !== null) return { at, precision: withTime(us[5] !== undefined, us[6] !== undefined) };
  }
  if (!now) return null;
  return parseRelative(t, offset, now);
}

/** Year-month and year-only dates, for labelled contexts ("发布时间：2018年"). */
function parsePartial(t: string, offset: number): Found | null {
  const ym = YM.exec(t);
  if (ym) {
    const at = localToInstant(num(ym[1]), num(ym[2] ?? ym[3]), 1, 0, 0, 0, offset);
    if (at !== null) return { at, precision: 'month' };
  }
  const y = YEAR.exec(t) ?? /^\s*(\d{4})\s*$/.exec(t);
  if (y) {
    const at = localToInstant(num(y[1]), 1, 1, 0, 0, 0, offset);
    if (at !== null) return { at, precision: 'year' };
  }
  return null;
}

function zoneToMinutes(zone: string): number | null {
  if (/^[+-]\d{4}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  }
  return ZONES[zone.toLowerCase()] ?? null;
}

/**
 * Forum-style dates that only make sense against "now". "3小时前" is reported at minute precision
 * (the closest the type has to an hour) and "2天前" at day precision, both as now minus the count.
 */
function parseRelative(t: string, offset: number, now: Date): Found | null {
  const nowMs = now.getTime();
  if (/刚刚|刚才/.test(t)) return { at: nowMs, precision: 'minute' };
  const ago = AGO.exec(t);
  if (ago) {
    const unit = ago[2] ?? '';
    const n = ago[1] === '半' ? 0.5 : num(ago[1]);
    if (unit === '秒') return { at: nowMs - n * 1_000, precision: 'second' };
    if (unit.startsWith('分')) return { at: nowMs - n * MINUTE, precision: 'minute' };
    if (unit.includes('小') || unit.includes('時')) return { at: nowMs - Math.round(n * 60) * MINUTE, precision: 'minute' };
    const days = unit === '天' || unit === '日' ? n : n * 7;
    return { at: nowMs - Math.round(days * DAY), precision: 'day' };
  }
  const local = new Date(nowMs + offset * MINUTE);
  const [y, mo, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const word = DAY_WORD.exec(t);
  if (word) {
    const back = word[1] === '今天' ? 0 : word[1] === '昨天' ? 1 : 2;
    const today = localToInstant(y, mo, d, num(word[2]), num(word[3]), 0, offset);
    return today === null ? null : { at: today - back * DAY, precision: word[2] === undefined ? 'day' : 'minute' };
  }
  const md = MD_NO_YEAR.exec(t);
  if (md) {
    // A year-less date in the future must be last year's (a post from 12-31 read on 01-02).
    let at = localToInstant(y, num(md[1]), num(md[2]), num(md[3]), num(md[4]), 0, offset);
    if (at !== null && at > nowMs + DAY) at = localToInstant(y - 1, num(md[1]), num(md[2]), num(md[3]), num(md[4]), 0, offset);
    return at === null ? null : { at, precision: md[4] === undefined ? 'day' : 'minute' };
  }
  return null;
}

const SPECIFIC_LABEL = /(发布时间|发布日期|发表时间|发表于|发文日期|成文日期|更新时间|发布于|Published)\s*[:：]?/gi;
const GENERIC_LABEL = /(时间|日期|Date)\s*[:：]/gi;

/**
 * A date written next to a label such as "发布时间：" somewhere in a page's text: the fallback when
 * no selector points at the date. Specific labels win over "时间/日期", which also head event times.
 */
export function findLabelledDate(text: string, opts: DateOptions = {}): string | null {
  return findLabelledDateWithPrecision(text, opts)?.iso ?? null;
}

/** findLabelledDate, keeping the precision the page gave (a day, a minute…). */
export function findLabelledDateWithPrecision(text: string, opts: DateOptions = {}): ParsedDate | null {
  const t = text.normalize('NFKC');
  for (const label of [SPECIFIC_LABEL, GENERIC_LABEL]) {
    label.lastIndex = 0;
    for (let m = label.exec(t); m; m = label.exec(t)) {
      const after = t.slice(m.index + m[0].length, m.index + m[0].length + 40);
      const found = parseDateWithPrecision(after, opts);
      if (found) return found;
    }
  }
  return null;
}
