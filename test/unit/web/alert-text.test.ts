import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../server/contracts/alerts';
import { alertText } from '../../../web/src/components/alert-format';
import { zhCN } from '../../../web/src/i18n/zh-CN';
import { en } from '../../../web/src/i18n/en';
import { translator } from './translator';

const zh = translator(zhCN);
const english = translator(en);

type Text = Pick<Alert, 'kind' | 'title' | 'detail' | 'facts'>;
const everything = { topic: null, keywords: [], tag: null, negative: false, sourceId: null };

describe('alert text in the reader’s language', () => {
  it('words a threshold alert from its figures, in Chinese as the webhooks do and in English', () => {
    const a: Text = {
      kind: 'threshold',
      title: '超过阈值：停水',
      detail: '关键词“停水”：近 60 分钟 3 条（阈值 3）',
      facts: { subject: '停水', scope: { ...everything, keywords: ['停水'] }, windowMinutes: 60, count: 3, threshold: 3 },
    };
    // The Chinese wording equals what the server stored (and sent to the webhooks).
    expect(alertText(a, zh)).toEqual({ title: a.title, detail: a.detail });
    expect(alertText(a, english)).toEqual({ title: 'Over threshold: 停水', detail: 'keywords "停水": 3 in the last 60 min (threshold 3)' });
  });

  it('names every part of a spike’s scope, or "all items"', () => {
    const facts = { subject: '负面激增', windowMinutes: 30, count: 12, expected: 1.5, z: 4.2 };
    const scoped: Text = {
      kind: 'negative-surge',
      title: '',
      detail: '',
      facts: { ...facts, scope: { topic: '地铁', keywords: [], tag: 'rumor-suspect', negative: true, sourceId: 'forum' } },
    };
    expect(alertText(scoped, english).detail).toBe('topic "地铁", Suspected rumour, negative, source forum: 12 in the last 30 min, about 1.5 expected (z = 4.2)');
    expect(alertText(scoped, zh).detail).toBe('专题“地铁”、疑似谣言、负面、来源 forum：近 30 分钟 12 条，预期约 1.5 条（z = 4.2）');
    expect(alertText({ ...scoped, kind: 'spike', facts: { ...facts, scope: everything } }, english)).toEqual({
      title: 'Volume spike: 负面激增',
      detail: 'All items: 12 in the last 30 min, about 1.5 expected (z = 4.2)',
    });
  });

  it('gives a resurfacing rumour’s previous day in Beijing time, and says when it is the first time', () => {
    const back: Text = { kind: 'known-rumour', title: '', detail: '', facts: { subject: '喝板蓝根可以预防流感', previousSeen: '2026-11-25T17:00:00Z' } };
    expect(alertText(back, english)).toEqual({ title: 'Known rumour back: 喝板蓝根可以预防流感', detail: 'Last seen 2026-11-26; spreading again' });
    expect(alertText({ ...back, facts: { subject: 'x', previousSeen: null } }, zh).detail).toBe('谣言库条目首次在网上再现');
  });

  it('words a silent source with its last item, or none', () => {
    const silent: Text = { kind: 'source-silent', title: '', detail: '', facts: { subject: '区政府公告', windowMinutes: 720, lastItemAt: '2026-11-26T20:00:00Z' } };
    expect(alertText(silent, english).detail).toBe('区政府公告 has had nothing new for over 12 h (last item 2026-11-27 04:00); check the crawler');
    expect(alertText({ ...silent, facts: { ...silent.facts!, lastItemAt: null } }, zh).detail).toBe('区政府公告 已超过 12 小时没有新信息（最后一条 无），请检查采集');
  });

  it('keeps an escalation’s note as written, and the stored text of an alert without figures', () => {
    const esc: Text = { kind: 'escalation', title: '张三上报：燃气泄漏', detail: '请领导关注', facts: { subject: '燃气泄漏', actor: '张三' } };
    expect(alertText(esc, english)).toEqual({ title: '张三 escalated: 燃气泄漏', detail: '请领导关注' });
    const old: Text = { kind: 'spike', title: '声量异常升高：全网', detail: '近 60 分钟 8 条', facts: null };
    expect(alertText(old, english)).toEqual({ title: old.title, detail: old.detail });
  });
});
