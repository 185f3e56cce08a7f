import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTORS } from '../../../server/contracts/actor';
import { AUTO_MATCH_ACTOR, createAutoMatch } from '../../../server/services/auto-match';
import { translator } from './translator';
import { SYSTEM_ACTOR_NAMES, actorName, verdictNote, describeSchedule, formatCount, formatDateTime, formatDayShort, formatRelative, shanghaiToday } from '../../../web/src/format';
import { en } from '../../../web/src/i18n/en';
import { zhCN } from '../../../web/src/i18n/zh-CN';

describe('Chinese number formatting', () => {
  it('uses 万 and 亿 from ten thousand in Chinese, grouping in English', () => {
    expect(formatCount(9_999, 'zh-CN')).toBe('9,999');
    expect(formatCount(12_345, 'zh-CN')).toBe('1.2万');
    expect(formatCount(30_000, 'zh-CN')).toBe('3万');
    expect(formatCount(250_000_000, 'zh-CN')).toBe('2.5亿');
    expect(formatCount(12_345, 'en')).toBe('12,345');
  });

  it('rounds to one decimal and moves up a unit when rounding reaches it', () => {
    expect(formatCount(123_456, 'zh-CN')).toBe('12.3万');
    expect(formatCount(10_000, 'zh-CN')).toBe('1万');
    expect(formatCount(99_999_999, 'zh-CN')).toBe('1亿');
    expect(formatCount(99_990_000, 'zh-CN')).toBe('9999万');
    expect(formatCount(0, 'zh-CN')).toBe('0');
    expect(formatCount(Number.NaN, 'zh-CN')).toBe('—');
  });
});

describe('times in Asia/Shanghai', () => {
  it('shows a UTC instant as Beijing time', () => {
    expect(formatDateTime('2026-11-27T16:30:00Z')).toBe('2026-11-28 00:30');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('nonsense')).toBe('—');
  });

  it('knows today in Shanghai when it is still yesterday in UTC', () => {
    expect(shanghaiToday(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });

  it('says how long ago, then falls back to the full time', () => {
    const now = Date.parse('2026-11-28T10:00:00Z');
    expect(formatRelative('2026-11-28T09:59:30Z', 'zh-CN', now)).toBe('刚刚');
    expect(formatRelative('2026-11-28T09:55:00Z', 'zh-CN', now)).toBe('5分钟前');
    expect(formatRelative('2026-11-28T07:00:00Z', 'en', now)).toBe('3 h ago');
    expect(formatRelative('2026-11-26T07:00:00Z', 'zh-CN', now)).toBe('2026-11-26 15:00');
  });

  it('shortens days for chart axes', () => {
    expect(formatDayShort('2026-11-28')).toBe('11-28');
  });
});

describe('schedules in words', () => {
  it('describes common cron forms and leaves others as written', () => {
    expect(describeSchedule('* * * * *', 'zh-CN')).toBe('每分钟');
    expect(describeSchedule('*/5 * * * *', 'zh-CN')).toBe('每 5 分钟');
    expect(describeSchedule('30 8 * * *', 'en')).toBe('daily at 08:30');
    expect(describeSchedule('0 */2 * * *', 'zh-CN')).toBe('每 2 小时');
    expect(describeSchedule('0 9 * * 1-5', 'zh-CN')).toBe('0 9 * * 1-5');
  });
});

describe('system actor names', () => {
  it('knows every name the server acts under, and words it in the reader’s language', () => {
    expect(SYSTEM_ACTOR_NAMES).toEqual(Object.fromEntries(Object.entries(SYSTEM_ACTORS).map(([key, name]) => [name, key])));
    const lookup = (messages: { actors: Record<string, string> }) => (key: string) => messages.actors[key.replace('actors.', '')]!;
    for (const [key, name] of Object.entries(SYSTEM_ACTORS)) {
      expect(actorName(name, lookup(zhCN))).toBe(name);
      expect(actorName(name, lookup(en))).toBe(en.actors[key as keyof typeof en.actors]);
    }
    expect(actorName('张编辑', lookup(en))).toBe('张编辑');
  });
});

describe('verdict notes', () => {
  it('words the automatic match’s note from its figures, and leaves a person’s note as typed', () => {
    let note = '';
    createAutoMatch({ replaceMatches: () => {}, hasReview: () => false, decide: (_i, _l, n) => (note = n) })(
      5,
      [{ libraryId: 12, kind: 'confirmed', similarity: 0.934 } as never],
      '2026-11-28T00:00:00Z',
    );
    expect(note).toContain('#12');
    // The Chinese wording is the server's own note; English reads the same figures.
    expect(verdictNote(note, AUTO_MATCH_ACTOR, translator(zhCN))).toBe(note);
    expect(verdictNote(note, AUTO_MATCH_ACTOR, translator(en))).toBe('matched library entry #12 automatically (93% similar)');
    expect(verdictNote('与交警大队核实：#3 路口 50% 封闭', '张编辑', translator(en))).toBe('与交警大队核实：#3 路口 50% 封闭');
    expect(verdictNote(null, AUTO_MATCH_ACTOR, translator(en))).toBeNull();
  });
});
