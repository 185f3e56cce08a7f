import { afterEach, describe, expect, it } from 'vitest';
import { filtersFromQuery, filtersToParams, filtersToQuery } from '../../../web/src/features/library/library-query';
import { emptyRebuttalDraft, rebuttalBody, rebuttalProblems, shanghaiMinuteToIso } from '../../../web/src/features/library/rebuttal-form';
import { importFormatOf, parseImportErrorPath } from '../../../web/src/features/library/import-check';
import { changedFields, draftOf, draftProblems, entryPatch } from '../../../web/src/features/library/entry-edit';
import { durationText, formatHours, formatSimilarity, hoursSince, rebuttalState, safeHttpUrl } from '../../../web/src/features/library/library-view';
import { createPinia, setActivePinia } from 'pinia';
import { useActorName } from '../../../web/src/composables/useActorName';
import { useSessionStore } from '../../../web/src/stores/session';
import { libraryListQuery } from '../../../web/src/api/library';
import { CHANNELS } from '../../../web/src/features/library/library-query';

afterEach(() => localStorage.clear());

describe('library list view in the URL', () => {
  it('reads a shared link and drops what it does not know', () => {
    expect(filtersFromQuery({ q: ' 自来水 ', category: 'health', merged: 'show', page: '3' })).toEqual({ q: '自来水', category: 'health', showMerged: true, page: 3 });
    expect(filtersFromQuery({ category: 'aliens', page: '-2', merged: 'yes' })).toEqual({ q: '', category: '', showMerged: false, page: 1 });
  });

  it('writes only what differs from the default, and the API query says what the server expects', () => {
    expect(filtersToQuery({ q: '', category: '', showMerged: false, page: 1 })).toEqual({});
    expect(filtersToQuery({ q: '封城', category: 'epidemic', showMerged: true, page: 2 })).toEqual({ q: '封城', category: 'epidemic', merged: 'show', page: '2' });
    const params = filtersToParams({ q: '封城', category: '', showMerged: false, page: 2 });
    expect(Object.fromEntries(new URLSearchParams(libraryListQuery(params)))).toEqual({ q: '封城', page: '2', pageSize: '20' });
  });
});

describe('rebuttal form', () => {
  const now = Date.parse('2026-11-28T04:00:00Z'); // 12:00 in Beijing

  it('reads the published time as Beijing time and refuses impossible dates', () => {
    expect(shanghaiMinuteToIso('2026-11-28 10:30')).toBe('2026-11-28T02:30:00.000Z');
    expect(shanghaiMinuteToIso('2026-01-01 03:00')).toBe('2025-12-31T19:00:00.000Z');
    expect(shanghaiMinuteToIso('2026-02-30 10:00')).toBeNull();
    expect(shanghaiMinuteToIso('2026-11-28T10:30')).toBeNull();
    expect(emptyRebuttalDraft(new Date(now)).publishedAt).toBe('2026-11-28 12:00');
  });

  it('names every field to correct', () => {
    expect(Object.keys(rebuttalProblems(emptyRebuttalDraft(new Date(now)), now)).sort()).toEqual(['channels', 'text', 'title']);
    const ok = { title: '关于网传停水的说明', text: '经核实，系谣言。', url: '', channels: ['weibo' as const], publishedAt: '2026-11-28 11:00' };
    expect(rebuttalProblems(ok, now)).toEqual({});
    expect(rebuttalProblems({ ...ok, url: 'javascript:alert(1)' }, now)).toEqual({ url: true });
    expect(rebuttalProblems({ ...ok, publishedAt: '2026-11-28 13:00' }, now)).toEqual({ publishedAt: true });
  });

  it('builds the body the API expects: trimmed, channels in order, no url when none', () => {
    const body = rebuttalBody(
      { title: ' 说明 ', text: ' 系谣言 ', url: ' ', channels: ['weibo', 'own-media'], publishedAt: '2026-11-28 10:30' },
      [7],
      '李编辑',
      CHANNELS,
    );
    expect(body).toEqual({ title: '说明', text: '系谣言', channels: ['own-media', 'weibo'], publishedAt: '2026-11-28T02:30:00.000Z', libraryIds: [7], actor: '李编辑' });
  });
});

describe('import errors', () => {
  it('names CSV lines, JSON entries (from 1) and the file', () => {
    expect(parseImportErrorPath('line 3.claim', 'Too small')).toEqual({ place: { kind: 'line', n: 3 }, field: 'claim', message: 'Too small' });
    expect(parseImportErrorPath('[0].category', 'Invalid option')).toEqual({ place: { kind: 'entry', n: 1 }, field: 'category', message: 'Invalid option' });
    expect(parseImportErrorPath('content', 'not valid JSON').place).toEqual({ kind: 'file' });
    expect(parseImportErrorPath('actor', 'Too small').place).toEqual({ kind: 'other', path: 'actor' });
  });

  it('tells the format from the extension, else from the content', () => {
    expect(importFormatOf('rumours.CSV', '[')).toBe('csv');
    expect(importFormatOf('rumours.json', 'claim')).toBe('json');
    expect(importFormatOf('export', '\ufeff  [{"claim":"x"}]')).toBe('json');
    expect(importFormatOf('export', 'claim,category')).toBe('csv');
  });
});

describe('entry edits and display', () => {
  const entry = { claim: '明天封城', category: 'epidemic' as const, unit: null, rebuttalText: '不实' };

  it('sends only what changed; a blank unit or text clears it', () => {
    expect(entryPatch(entry, draftOf(entry))).toEqual({});
    expect(entryPatch(entry, { ...draftOf(entry), claim: ' 明天全区封城 ', unit: '东城街道', rebuttalText: '  ' })).toEqual({
      claim: '明天全区封城',
      unit: '东城街道',
      rebuttalText: null,
    });
    expect(draftProblems({ ...draftOf(entry), claim: '封城' })).toEqual({ claim: true });
    expect(changedFields({ claim: 'a', unit: null }, { claim: 'b', unit: null })).toEqual(['claim']);
  });

  it('reports the rebuttal state with hours, and only http(s) links', () => {
    const clock = { firstSeenAt: '2026-11-28T00:00:00Z', confirmedAt: '2026-11-28T02:00:00Z', rebuttedAt: null, hoursToVerdict: 2, hoursToRebuttal: null };
    expect(rebuttalState(clock, Date.parse('2026-11-28T05:30:00Z'))).toEqual({ answered: false, waitingHours: 5.5 });
    expect(rebuttalState({ ...clock, rebuttedAt: '2026-11-28T06:00:00Z', hoursToRebuttal: 6 })).toEqual({ answered: true, hours: 6 });
    expect(hoursSince('2026-11-28T01:00:00Z', Date.parse('2026-11-28T00:00:00Z'))).toBe(0);
    expect(formatHours(1234.56)).toBe('1,234.6');
    expect(formatHours(null)).toBe('—');
    const t = (key: string, v: Record<string, unknown>) => `${key}:${String(v.n)}`;
    expect(durationText(71.9, t)).toBe('library.hours:71.9');
    expect(durationText(148.1, t)).toBe('library.days:6.2');
    expect(formatSimilarity(0.934)).toBe('93%');
    expect(safeHttpUrl('https://gov.example/a')).toBe('https://gov.example/a');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('ftp://x')).toBeNull();
  });
});

describe('acting editor name', () => {
  it('is the signed-in user: nobody types a name', () => {
    setActivePinia(createPinia());
    const session = useSessionStore();
    session.set({ user: { id: 1, username: 'li', displayName: '李编辑', role: 'editor', unitId: null, demo: false, disabled: false, mustChangePassword: false, lockedUntil: null, createdAt: '', lastLoginAt: null }, permissions: ['desk:write'], csrfToken: 'c' });
    const a = useActorName();
    expect(a.name).toBe('李编辑');
    expect(a.require()).toBe('李编辑');
  });
});
