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

const ISO_WITH_ZONE = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})(?![\d:])/i;
const RFC822 = /(?:\b[a-z]{3},?\s*)?\b(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{4}|[a-z]{1,4})\b)?/i;
const YMD = /(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?(?:\s*T?\s*(\d{1,2})\s*(?::|时|点)\s*(\d{1,2})(?!\d)(?:\s*:\s*(\d{1,2})|\s*分(?:\s*(\d{1,2})\s*秒)?)?)?/;
const MD_NO_YEAR = /(?<!\d)(\d{1,2})\s*(?:月|-)\s*(\d{1,2})\s*日?(?:\s+(\d{1,2}):(\d{2}))?(?![\d:])/;
const AGO = /(\d+)\s*(秒|分钟|分鐘|小时|小時|天)前/;
const DAY_WORD = /(今天|昨天|前天)\s*(?:(\d{1,2})\s*[:：]\s*(\d{2}))?/;

/** Parses one date in `text`; returns ISO 8601 with offset, or null when nothing parses cleanly. */
export function parseDate(text: string | null | undefined, opts: DateOptions = {}): string | null {
  if (!text) return null;
  const offset = opts.offsetMinutes ?? SHANGHAI_OFFSET_MINUTES;
  // NFKC turns full-width digits and colons (２０２３：) into ASCII ones.
  const t = text.normalize('NFKC');
  const instant = parseInstant(t, offset, opts.now);
  return instant === null ? null : formatWithOffset(instant, offset);
}

function parseInstant(t: string, offset: number, now: Date | undefined): number | null {
  const iso = ISO_WITH_ZONE.exec(t);
  if (iso) {
    const zone = iso[7] ?? 'Z';
    const zoneMinutes = zone.toUpperCase() === 'Z' ? 0 : zoneToMinutes(zone.replace(':', ''));
    const at = localToInstant(num(iso[1]), num(iso[2]), num(iso[3]), num(iso[4]), num(iso[5]), num(iso[6]), zoneMinutes ?? 0);
    if (at !== null) return at;
  }
  const rfc = RFC822.exec(t);
  if (rfc && rfc[2] && MONTHS[rfc[2].toLowerCase()] !== undefined) {
    let year = num(rfc[3]);
    if (year < 100) year += year < 70 ? 2000 : 1900;
    const zone = rfc[7] ? zoneToMinutes(rfc[7]) : offset;
    const at = localToInstant(year, MONTHS[rfc[2].toLowerCase()] ?? 0, num(rfc[1]), num(rfc[4]), num(rfc[5]), num(rfc[6]), zone ?? offset);
    if (at !== null) return at;
  }
  const ymd = YMD.exec(t);
  if (ymd) {
    const seconds = ymd[6] ?? ymd[7];
    const at = localToInstant(num(ymd[1]), num(ymd[2]), num(ymd[3]), num(ymd[4]), num(ymd[5]), num(seconds), offset);
    if (at !== null) return at;
  }
  if (!now) return null;
  return parseRelative(t, offset, now);
}

function zoneToMinutes(zone: string): number | null {
  if (/^[+-]\d{4}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  }
  return ZONES[zone.toLowerCase()] ?? null;
}

/** Forum-style dates that only make sense against "now". */
function parseRelative(t: string, offset: number, now: Date): number | null {
  const nowMs = now.getTime();
  if (/刚刚/.test(t)) return nowMs;
  const ago = AGO.exec(t);
  if (ago) {
    const unit = ago[2] ?? '';
    const n = num(ago[1]);
    const ms = unit === '秒' ? 1_000 : unit.startsWith('分') ? MINUTE : unit === '天' ? DAY : 60 * MINUTE;
    return nowMs - n * ms;
  }
  const local = new Date(nowMs + offset * MINUTE);
  const [y, mo, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const word = DAY_WORD.exec(t);
  if (word) {
    const back = word[1] === '今天' ? 0 : word[1] === '昨天' ? 1 : 2;
    const today = localToInstant(y, mo, d, num(word[2]), num(word[3]), 0, offset);
    return today === null ? null : today - back * DAY;
  }
  const md = MD_NO_YEAR.exec(t);
  if (md) {
    // A year-less date in the future must be last year's (a post from 12-31 read on 01-02).
    let at = localToInstant(y, num(md[1]), num(md[2]), num(md[3]), num(md[4]), 0, offset);
    if (at !== null && at > nowMs + DAY) at = localToInstant(y - 1, num(md[1]), num(md[2]), num(md[3]), num(md[4]), 0, offset);
    return at;
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
  const t = text.normalize('NFKC');
  for (const label of [SPECIFIC_LABEL, GENERIC_LABEL]) {
    label.lastIndex = 0;
    for (let m = label.exec(t); m; m = label.exec(t)) {
      const after = t.slice(m.index + m[0].length, m.index + m[0].length + 40);
      const found = parseDate(after, opts);
      if (found) return found;
    }
  }
  return null;
}
