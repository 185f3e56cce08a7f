import type { RebuttalChannel, RebuttalCreate } from '../../../../server/contracts/library';
import { formatDateTime } from '../../format';

/** The form's published time: "YYYY-MM-DD HH:mm" read as Beijing time, whatever the browser's zone. */
const LOCAL_MINUTE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
/** A clock a little ahead on the editor's machine is not an error. */
const FUTURE_SLACK_MS = 10 * 60_000;

export interface RebuttalDraft {
  title: string;
  text: string;
  url: string;
  channels: RebuttalChannel[];
  publishedAt: string;
}

export type RebuttalField = keyof RebuttalDraft;

/** Now, as the form shows it (Beijing time to the minute). */
export function shanghaiMinuteNow(now: Date = new Date()): string {
  return formatDateTime(now.toISOString());
}

/** "2026-11-28 10:30" (Beijing) → "2026-11-28T02:30:00.000Z"; null when not a real time. */
export function shanghaiMinuteToIso(value: string): string | null {
  const m = LOCAL_MINUTE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h - 8, mi);
  // 2026-02-30 would roll over into March: refuse it rather than record another day.
  if (new Date(ms + 8 * 3_600_000).getUTCDate() !== d) return null;
  return new Date(ms).toISOString();
}

export function emptyRebuttalDraft(now: Date = new Date()): RebuttalDraft {
  return { title: '', text: '', url: '', channels: [], publishedAt: shanghaiMinuteNow(now) };
}

function isHttpUrl(u: string): boolean {
  if (!/^https?:\/\//i.test(u) || u.length > 2_048) return false;
  try {
    new URL(u);
    return true;
  } catch {
    return false;
  }
}

/** Fields to correct before posting, with the contract's limits; the published time cannot be in the future. */
export function rebuttalProblems(d: RebuttalDraft, now: number = Date.now()): Partial<Record<RebuttalField, true>> {
  const out: Partial<Record<RebuttalField, true>> = {};
  const title = d.title.trim().length;
  if (title < 2 || title > 200) out.title = true;
  const text = d.text.trim().length;
  if (text < 2 || text > 20_000) out.text = true;
  if (d.url.trim() && !isHttpUrl(d.url.trim())) out.url = true;
  if (d.channels.length === 0) out.channels = true;
  const at = shanghaiMinuteToIso(d.publishedAt);
  if (!at || Date.parse(at) > now + FUTURE_SLACK_MS) out.publishedAt = true;
  return out;
}

/** The body for POST /api/rebuttals: trimmed, channels in the listed order, no url key when none. */
export function rebuttalBody(d: RebuttalDraft, libraryIds: number[], actor: string, channelOrder: readonly RebuttalChannel[]): RebuttalCreate {
  const url = d.url.trim();
  return {
    title: d.title.trim(),
    text: d.text.trim(),
    ...(url ? { url } : {}),
    channels: channelOrder.filter((c) => d.channels.includes(c)),
    publishedAt: shanghaiMinuteToIso(d.publishedAt) ?? '',
    libraryIds,
    actor,
  };
}
