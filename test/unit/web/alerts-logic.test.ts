import { describe, expect, it } from 'vitest';
import type { Alert, AlertRule } from '../../../server/contracts/alerts';
import { alertTimeline, formatDelay, formatTimeOfDay, inStatus, mergeAlert } from '../../../web/src/components/alert-format';
import { alertsFromQuery, alertsToQuery, DEFAULT_ALERTS_VIEW } from '../../../web/src/features/alerts/alerts-query';
import { checkRuleForm, emptyRuleForm, fieldsFor, formFromRule, formToBody, parseKeywords, ruleErrorsFromApi } from '../../../web/src/features/alerts/rule-form';
import { checkWebhookForm, emptyWebhookForm, formFromWebhook, webhookErrorsFromApi, webhookToBody } from '../../../web/src/features/alerts/webhook-form';
import { ApiError } from '../../../web/src/api/client';

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: 1,
    ruleId: 2,
    kind: 'threshold',
    severity: 'warning',
    title: '燃气泄漏',
    detail: '5 条',
    facts: null,
    owner: '值班分析员',
    itemId: 9,
    topicId: null,
    libraryId: null,
    publishedAt: '2026-11-28T01:00:00.000Z',
    collectedAt: '2026-11-28T01:02:00.000Z',
    alertedAt: '2026-11-28T01:03:12.000Z',
    repeats: 0,
    ackedBy: null,
    ackedAt: null,
    escalatedBy: null,
    note: null,
    ...over,
  };
}

describe('alert times', () => {
  it('formats delays in Chinese and English', () => {
    expect(formatDelay(192_000, 'zh-CN')).toBe('3 分 12 秒');
    expect(formatDelay(180_000, 'zh-CN')).toBe('3 分');
    expect(formatDelay(4_000, 'zh-CN')).toBe('4 秒');
    expect(formatDelay(0, 'zh-CN')).toBe('0 秒');
    expect(formatDelay(2 * 3_600_000 + 5 * 60_000, 'zh-CN')).toBe('2 小时 5 分');
    expect(formatDelay(26 * 3_600_000, 'en')).toBe('1 d 2 h');
    expect(formatDelay(192_000, 'en')).toBe('3 min 12 s');
    expect(formatDelay(-1, 'zh-CN')).toBeNull();
    expect(formatDelay(null, 'zh-CN')).toBeNull();
  });

  it('measures published → collected → alerted, null where a time is missing', () => {
    expect(alertTimeline(alert())).toEqual({ toCollect: 120_000, toAlert: 72_000, total: 192_000 });
    expect(alertTimeline(alert({ publishedAt: null }))).toEqual({ toCollect: null, toAlert: 72_000, total: null });
  });

  it('shows times of day in Beijing time', () => {
    expect(formatTimeOfDay('2026-11-28T01:03:12.000Z')).toBe('09:03:12');
    expect(formatTimeOfDay('2026-11-28T16:00:00.000Z')).toBe('00:00:00');
    expect(formatTimeOfDay(null)).toBe('—');
    // Beside the alert's time: a stage on another Beijing day names its day.
    expect(formatTimeOfDay('2026-11-28T22:31:00.000Z', '2026-11-29T22:28:00.000Z')).toBe('11-29 06:31:00');
    expect(formatTimeOfDay('2026-11-29T16:10:00.000Z', '2026-11-29T22:28:00.000Z')).toBe('00:10:00');
  });
});

describe('live alerts in a list', () => {
  it('puts a new alert on top, replaces a known one, keeps the size', () => {
    const a = alert({ id: 1, alertedAt: '2026-11-28T01:00:00Z' });
    const b = alert({ id: 2, alertedAt: '2026-11-28T02:00:00Z' });
    expect(mergeAlert([a], b).map((x) => x.id)).toEqual([2, 1]);
    expect(mergeAlert([b, a], { ...a, ackedBy: '张三' })[1]!.ackedBy).toBe('张三');
    expect(mergeAlert([a], b, 1).map((x) => x.id)).toEqual([2]);
  });

  it('knows which filter an alert belongs to', () => {
    expect(inStatus(alert(), 'open')).toBe(true);
    expect(inStatus(alert({ ackedAt: 'x' }), 'open')).toBe(false);
    expect(inStatus(alert({ ackedAt: 'x' }), 'acked')).toBe(true);
    expect(inStatus(alert(), 'all')).toBe(true);
  });
});

describe('alerts page in the URL', () => {
  it('reads tab, status, page and id, distrusting odd values', () => {
    expect(alertsFromQuery({})).toEqual(DEFAULT_ALERTS_VIEW);
    expect(alertsFromQuery({ tab: 'rules', status: 'all', page: '3', id: '12' })).toEqual({ tab: 'rules', status: 'all', page: 3, id: 12 });
    expect(alertsFromQuery({ tab: 'x', status: 'y', page: '-1', id: 'abc' })).toEqual(DEFAULT_ALERTS_VIEW);
  });
  it('writes only what differs from the default', () => {
    expect(alertsToQuery(DEFAULT_ALERTS_VIEW)).toEqual({});
    expect(alertsToQuery({ tab: 'alerts', status: 'acked', page: 2, id: 5 })).toEqual({ status: 'acked', page: '2', id: '5' });
  });
});

describe('rule form', () => {
  const rule: AlertRule = {
    id: 3,
    name: '燃气',
    kind: 'spike',
    scope: { topicId: 4, keywords: ['燃气'], tag: null, sentiment: 'neg', sourceId: null },
    windowMinutes: 30,
    threshold: 5,
    z: 2.5,
    quietDays: 3,
    severity: 'critical',
    cooldownMinutes: 90,
    quietHours: { start: '22:00', end: '07:00' },
    webhookIds: [1, 2],
    owner: '西城街道',
    enabled: false,
    createdBy: 'a',
    createdAt: 'x',
    updatedAt: 'x',
    lastFiredAt: null,
  };

  it('round-trips a rule through the form', () => {
    const { id: _i, createdBy: _c, createdAt: _a, updatedAt: _u, lastFiredAt: _l, ...input } = rule;
    expect(formToBody(formFromRule(rule))).toEqual(input);
  });

  it('sends nulls for "any" and trims', () => {
    const body = formToBody({ ...emptyRuleForm(), name: '  测试 ', keywords: [' 燃气 ', '燃气', ''], owner: ' ' });
    expect(body).toMatchObject({ name: '测试', scope: { topicId: null, keywords: ['燃气'], tag: null, sentiment: null, sourceId: null }, owner: null, quietHours: null });
  });

  it('splits typed keywords', () => {
    expect(parseKeywords('燃气，泄漏、 燃气;爆炸\n')).toEqual(['燃气', '泄漏', '爆炸']);
  });

  it('shows the settings each kind reads', () => {
    expect(fieldsFor('threshold')).toMatchObject({ window: true, threshold: true, z: false });
    expect(fieldsFor('spike').z).toBe(true);
    expect(fieldsFor('known-rumour')).toMatchObject({ quietDays: true, scope: false, window: false });
    expect(fieldsFor('source-silent')).toMatchObject({ source: true, window: true, scope: false });
  });

  it('checks before saving', () => {
    const texts = { needName: 'N', needSource: 'S', badTime: 'T' };
    expect(checkRuleForm(emptyRuleForm(), texts)).toEqual({ name: 'N' });
    expect(checkRuleForm({ ...emptyRuleForm(), name: 'x', kind: 'source-silent', quiet: true, quietStart: '25:00' }, texts)).toEqual({ sourceId: 'S', quietHours: 'T' });
  });

  it('puts server errors next to the field they name', () => {
    const err = new ApiError(422, 'validation_failed', 'invalid', [
      { path: 'rule.scope.keywords.0', message: 'too long' },
      { path: 'quietHours.start', message: 'HH:MM' },
      { path: 'webhookIds.1', message: 'no webhook 9' },
      { path: 'json', message: 'bad' },
    ]);
    expect(ruleErrorsFromApi(err, { conflict: 'C' })).toEqual({ keywords: 'too long', quietHours: 'HH:MM', webhookIds: 'no webhook 9', form: 'bad' });
    // Worded by the caller (the dialog words each by its rule in the reader's language).
    const unknownHook = new ApiError(422, 'validation_failed', 'invalid', [
      { path: 'webhookIds.0', message: 'unknown webhook 9', code: 'unknown_reference', params: { what: 'webhook', value: 9 } },
    ]);
    expect(ruleErrorsFromApi(unknownHook, { conflict: 'C' }, (fe) => `${fe.code}:${String(fe.params?.value)}`)).toEqual({ webhookIds: 'unknown_reference:9' });
    expect(ruleErrorsFromApi(new ApiError(409, 'conflict', 'dup'), { conflict: 'C' })).toEqual({ name: 'C' });
    expect(ruleErrorsFromApi(new Error('x'), { conflict: 'C' })).toEqual({});
  });
});

describe('webhook form', () => {
  it('keeps the stored secret unless a new one is typed', () => {
    const w = { id: 1, name: '群', url: 'https://qyapi.weixin.qq.com/x', format: 'wecom' as const, forEscalations: true, enabled: true, hasSecret: true, createdAt: 'x' };
    expect(webhookToBody(formFromWebhook(w))).toEqual({ name: '群', url: 'https://qyapi.weixin.qq.com/x', format: 'wecom', secret: null, forEscalations: true, enabled: true });
    expect(webhookToBody({ ...formFromWebhook(w), secret: ' s3 ' }).secret).toBe('s3');
  });
  it('checks name and URL, maps server errors', () => {
    expect(checkWebhookForm(emptyWebhookForm(), { needName: 'N', badUrl: 'U' })).toEqual({ name: 'N', url: 'U' });
    expect(checkWebhookForm({ ...emptyWebhookForm(), name: 'a', url: 'ftp://x' }, { needName: 'N', badUrl: 'U' })).toEqual({ url: 'U' });
    const err = new ApiError(422, 'validation_failed', 'x', [{ path: 'url', message: 'only http(s) URLs' }]);
    expect(webhookErrorsFromApi(err, { conflict: 'C' })).toEqual({ url: 'only http(s) URLs' });
  });
});
