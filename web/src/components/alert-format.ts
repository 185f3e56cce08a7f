/** Alert display logic shared by the alerts page and the big screen (pure). */
import type { Alert, AlertFacts, AlertKind, AlertSeverity } from '../../../server/contracts/alerts';
import { formatDateTime, shanghaiToday, type Locale } from '../format';

/** 192 s → "3 分 12 秒" / "3 min 12 s"; hours and days beyond; null for an unknown or negative span. */
export function formatDelay(ms: number | null, locale: Locale): string | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return null;
  const s = Math.round(ms / 1000);
  const zh = locale === 'zh-CN';
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts: [number, string, string][] = d
    ? [
        [d, '天', 'd'],
        [h, '小时', 'h'],
      ]
    : h
      ? [
          [h, '小时', 'h'],
          [m, '分', 'min'],
        ]
      : m
        ? [
            [m, '分', 'min'],
            [sec, '秒', 's'],
          ]
        : [[sec, '秒', 's']];
  const shown = parts.filter(([n], i) => n > 0 || i === 0);
  return shown.map(([n, z, e]) => (zh ? `${n} ${z}` : `${n} ${e}`)).join(' ');
}

const span = (a: string | null, b: string | null): number | null => {
  if (!a || !b) return null;
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isNaN(x) || Number.isNaN(y) ? null : y - x;
};

export interface AlertTimeline {
  /** Published → collected, collected → alerted, published → alerted (ms; null when a time is missing). */
  toCollect: number | null;
  toAlert: number | null;
  total: number | null;
}

export function alertTimeline(a: Pick<Alert, 'publishedAt' | 'collectedAt' | 'alertedAt'>): AlertTimeline {
  return { toCollect: span(a.publishedAt, a.collectedAt), toAlert: span(a.collectedAt, a.alertedAt), total: span(a.publishedAt, a.alertedAt) };
}

/** Element Plus tag type and the colour of the row's stripe for a severity. */
export const SEVERITY_TAG: Record<AlertSeverity, 'info' | 'warning' | 'danger'> = { info: 'info', warning: 'warning', critical: 'danger' };
export const SEVERITY_COLOR: Record<AlertSeverity, string> = { info: '#64748b', warning: '#d97706', critical: '#dc2626' };

/** A live alert into a newest-first list: replaces the one with its id, or goes on top; the list keeps `max`. */
export function mergeAlert(list: readonly Alert[], alert: Alert, max = 100): Alert[] {
  const i = list.findIndex((a) => a.id === alert.id);
  if (i >= 0) return list.map((a) => (a.id === alert.id ? alert : a));
  return [alert, ...list].sort((a, b) => b.alertedAt.localeCompare(a.alertedAt) || b.id - a.id).slice(0, max);
}

/** Whether a live alert belongs in a list filtered by status. */
export function inStatus(alert: Pick<Alert, 'ackedAt'>, status: 'open' | 'acked' | 'all'): boolean {
  return status === 'all' || (status === 'open' ? !alert.ackedAt : !!alert.ackedAt);
}

const timeOfDay = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * "09:05:12" in Beijing time: the stages of one alert are minutes apart, seconds matter. With `sameDayAs`
 * (the alert's time), a stage on another Beijing day says its day too ("11-29 06:31:00"), so a post
 * from yesterday does not read as this morning's.
 */
export function formatTimeOfDay(iso: string | null, sameDayAs?: string): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  const time = timeOfDay.format(new Date(ms));
  if (sameDayAs === undefined || Number.isNaN(Date.parse(sameDayAs))) return time;
  const day = shanghaiToday(new Date(ms));
  return day === shanghaiToday(new Date(sameDayAs)) ? time : `${day.slice(5)} ${time}`;
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

const TITLE_KEYS: Record<AlertKind, string> = {
  threshold: 'threshold',
  spike: 'spike',
  'negative-surge': 'negativeSurge',
  'known-rumour': 'knownRumour',
  'source-silent': 'sourceSilent',
  escalation: 'escalation',
};

/** What a counting rule counted, in the reader's words ("专题“地铁”、负面" / "topic "地铁", negative"). */
function scopeText(s: AlertFacts['scope'], t: Translate): string {
  if (!s) return t('alerts.text.scope.all');
  const parts: string[] = [];
  if (s.topic !== null) parts.push(t('alerts.text.scope.topic', { name: s.topic }));
  if (s.keywords.length) parts.push(t('alerts.text.scope.keywords', { words: s.keywords.join(' ') }));
  if (s.tag) parts.push(t(`tag.${s.tag}`));
  if (s.negative) parts.push(t('alerts.text.scope.negative'));
  if (s.sourceId) parts.push(t('alerts.text.scope.source', { id: s.sourceId }));
  return parts.length ? parts.join(t('alerts.text.scope.separator')) : t('alerts.text.scope.all');
}

/**
 * An alert's title and detail in the reader's language, from its figures; the stored (Chinese) text
 * for an alert without them, and an escalation's detail is the escalator's own note.
 */
export function alertText(a: Pick<Alert, 'kind' | 'title' | 'detail' | 'facts'>, t: Translate): { title: string; detail: string } {
  const f = a.facts;
  if (!f) return { title: a.title, detail: a.detail };
  const title = t(`alerts.text.title.${TITLE_KEYS[a.kind]}`, { subject: f.subject, actor: f.actor ?? '' });
  const window = f.windowMinutes;
  let detail = a.detail;
  if (a.kind === 'threshold' && f.count !== undefined && f.threshold !== undefined) {
    detail = t('alerts.text.threshold', { scope: scopeText(f.scope, t), window, count: f.count, threshold: f.threshold });
  } else if ((a.kind === 'spike' || a.kind === 'negative-surge') && f.count !== undefined && f.expected !== undefined) {
    detail = t('alerts.text.spike', { scope: scopeText(f.scope, t), window, count: f.count, expected: f.expected, z: f.z });
  } else if (a.kind === 'known-rumour' && f.previousSeen !== undefined) {
    detail = f.previousSeen ? t('alerts.text.knownRumourAgain', { day: shanghaiToday(new Date(f.previousSeen)) }) : t('alerts.text.knownRumourFirst');
  } else if (a.kind === 'source-silent' && window !== undefined) {
    const last = f.lastItemAt ? formatDateTime(f.lastItemAt) : t('alerts.text.none');
    detail = t('alerts.text.sourceSilent', { subject: f.subject, hours: Math.round(window / 60), last });
  }
  return { title, detail };
}
