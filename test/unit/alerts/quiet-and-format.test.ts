import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../server/contracts/alerts';
import { inQuietHours, quietEnd } from '../../../server/alerts/quiet-hours';
import { formatWebhook, robotAccepted } from '../../../server/alerts/webhook-format';

// 22:30 in Shanghai is 14:30 UTC.
const shanghai = (hhmm: string, day = '2026-11-22') => new Date(Date.parse(`${day}T${hhmm}:00+08:00`));
const night = { start: '22:00', end: '07:00' };

describe('quiet hours (Asia/Shanghai)', () => {
  it('spans midnight', () => {
    expect(inQuietHours(shanghai('22:30'), night)).toBe(true);
    expect(inQuietHours(shanghai('03:00'), night)).toBe(true);
    expect(inQuietHours(shanghai('07:00'), night)).toBe(false);
    expect(inQuietHours(shanghai('12:00'), night)).toBe(false);
    expect(inQuietHours(shanghai('12:00'), { start: '12:00', end: '13:30' })).toBe(true);
    expect(inQuietHours(shanghai('12:00'), null)).toBe(false);
  });

  it('ends at the next end time, the next morning when it began before midnight', () => {
    expect(quietEnd(shanghai('22:30'), night).toISOString()).toBe(shanghai('07:00', '2026-11-23').toISOString());
    expect(quietEnd(shanghai('03:15'), night).toISOString()).toBe(shanghai('07:00').toISOString());
  });
});

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 7, ruleId: 1, kind: 'spike', severity: 'critical', title: '声量异常升高：地铁', detail: '近 60 分钟 40 条，预期约 5 条', facts: null,
  owner: '值班分析员', itemId: 3, topicId: 1, libraryId: null, publishedAt: '2026-11-22T04:00:00.000Z',
  collectedAt: '2026-11-22T04:01:00.000Z', alertedAt: '2026-11-22T04:01:30.000Z', repeats: 0, ackedBy: null, ackedAt: null,
  escalatedBy: null, note: null, ...over,
});

describe('webhook messages', () => {
  it('sends WeCom robots markdown with the measured times in Shanghai time and a link', () => {
    const req = formatWebhook('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', [alert()], { dashboardUrl: 'https://yq.example/', nowMs: 0 });
    const body = req.body as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('【紧急】声量异常升高：地铁');
    expect(body.markdown.content).toContain('发布 11月22日 12:00 → 采集 11月22日 12:01 → 预警 11月22日 12:01');
    expect(body.markdown.content).toContain('责任：值班分析员');
    expect(body.markdown.content).toContain('(https://yq.example/alerts?id=7)');
  });

  it('signs DingTalk requests with the secret (加签)', () => {
    const req = formatWebhook('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', [alert()], { secret: 'SEC', nowMs: 1_700_000_000_000 });
    const u = new URL(req.url);
    expect(u.searchParams.get('access_token')).toBe('t');
    expect(u.searchParams.get('timestamp')).toBe('1700000000000');
    const expected = crypto.createHmac('sha256', 'SEC').update('1700000000000\nSEC').digest('base64');
    expect(u.searchParams.get('sign')).toBe(expected);
    expect(req.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '声量异常升高：地铁' } });
  });

  it('lists several alerts as one digest, bounded', () => {
    const many = Array.from({ length: 20 }, (_, i) => alert({ id: i + 1, title: `预警${i + 1}` }));
    const body = formatWebhook('wecom', 'https://x.test/', many, { nowMs: 0 }).body as { markdown: { content: string } };
    expect(body.markdown.content).toContain('预警汇总（20 条）');
    expect(body.markdown.content).toContain('另有 5 条');
    const json = formatWebhook('json', 'https://x.test/', many, { nowMs: 0 }).body as { type: string; alerts: Alert[] };
    expect(json.type).toBe('digest');
    expect(json.alerts).toHaveLength(20);
  });

  it('counts a robot delivery only when it answers errcode 0', () => {
    expect(robotAccepted('wecom', 200, '{"errcode":0,"errmsg":"ok"}').ok).toBe(true);
    expect(robotAccepted('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({ ok: false, error: 'errcode 310000: sign not match' });
    expect(robotAccepted('json', 204, '').ok).toBe(true);
    expect(robotAccepted('json', 502, '').ok).toBe(false);
  });
});
