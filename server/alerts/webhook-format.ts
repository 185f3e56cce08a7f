import crypto from 'node:crypto';
import type { Alert, WebhookFormat } from '../contracts/alerts';
import { shanghaiShort } from '../lib/time';

const SEVERITY: Record<Alert['severity'], string> = { info: '提示', warning: '预警', critical: '紧急' };

export interface WebhookRequest {
  url: string;
  body: unknown;
}

/** Robots cap a markdown message (WeCom at 4,096 bytes); a digest lists at most this many alerts. */
const MAX_LISTED = 15;

function line(a: Alert, base: string | null): string {
  const times = [
    a.publishedAt ? `发布 ${shanghaiShort(a.publishedAt)}` : null,
    a.collectedAt ? `采集 ${shanghaiShort(a.collectedAt)}` : null,
    `预警 ${shanghaiShort(a.alertedAt)}`,
  ].filter(Boolean);
  const link = base ? `[查看](${base}/alerts?id=${a.id})` : '';
  const owner = a.owner ? `责任：${a.owner}　` : '';
  return `**【${SEVERITY[a.severity]}】${a.title}**\n${a.detail}\n${owner}${times.join(' → ')} ${link}`.trim();
}

function markdown(alerts: Alert[], base: string | null): { title: string; text: string } {
  if (alerts.length === 1) return { title: alerts[0]!.title, text: line(alerts[0]!, base) };
  const shown = alerts.slice(0, MAX_LISTED).map((a) => line(a, base));
  const more = alerts.length > MAX_LISTED ? `\n……另有 ${alerts.length - MAX_LISTED} 条，请在看板查看` : '';
  return { title: `预警汇总（${alerts.length} 条）`, text: `### 预警汇总（${alerts.length} 条）\n\n${shown.join('\n\n')}${more}` };
}

/** DingTalk's "加签": HMAC-SHA256 of "timestamp\nsecret", base64, in the query string. */
export function signDingTalk(url: string, secret: string, nowMs: number): string {
  const sign = crypto.createHmac('sha256', secret).update(`${nowMs}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(nowMs));
  u.searchParams.set('sign', sign);
  return u.toString();
}

/**
 * The request a webhook receives for one alert or a digest of several: generic JSON (the alerts as
 * the API returns them), or the WeCom / DingTalk group-robot markdown message.
 */
export function formatWebhook(
  format: WebhookFormat,
  url: string,
  alerts: Alert[],
  opts: { dashboardUrl?: string | null; secret?: string | null; nowMs: number },
): WebhookRequest {
  const base = opts.dashboardUrl?.replace(/\/$/, '') ?? null;
  if (format === 'json') return { url, body: { type: alerts.length === 1 ? 'alert' : 'digest', alerts } };
  const md = markdown(alerts, base);
  if (format === 'wecom') return { url, body: { msgtype: 'markdown', markdown: { content: md.text } } };
  return {
    url: opts.secret ? signDingTalk(url, opts.secret, opts.nowMs) : url,
    body: { msgtype: 'markdown', markdown: { title: md.title, text: md.text } },
  };
}

/** Robots answer HTTP 200 with {"errcode": n}; only errcode 0 is a delivery. */
export function robotAccepted(format: WebhookFormat, status: number, body: string): { ok: boolean; error: string | null } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}` };
  if (format === 'json') return { ok: true, error: null };
  try {
    const parsed = JSON.parse(body) as { errcode?: number; errmsg?: string };
    if (parsed.errcode === 0) return { ok: true, error: null };
    return { ok: false, error: `errcode ${parsed.errcode ?? '?'}: ${parsed.errmsg ?? ''}`.trim() };
  } catch {
    return { ok: false, error: 'the robot answered something other than JSON' };
  }
}
