import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';
import { TODAY_CHECK_MS, useToday } from '../../../web/src/composables/useToday';
import { ledgerFromQuery, ledgerToQuery } from '../../../web/src/features/ledger/ledger-query';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('today on a page left open', () => {
  it('rolls over at Asia/Shanghai midnight (16:00 UTC), within a minute', () => {
    vi.setSystemTime(new Date('2026-11-29T15:59:30Z')); // 23:59:30 in Shanghai
    const scope = effectScope();
    const today = scope.run(() => useToday())!;
    expect(today.value).toBe('2026-11-29');
    vi.advanceTimersByTime(20_000); // 23:59:50: still the 29th
    expect(today.value).toBe('2026-11-29');
    vi.advanceTimersByTime(TODAY_CHECK_MS); // 00:00:50 on the 30th
    expect(today.value).toBe('2026-11-30');
    scope.stop();
    // Stopped with its component: no more checks.
    vi.setSystemTime(new Date('2026-12-01T16:00:10Z'));
    vi.advanceTimersByTime(TODAY_CHECK_MS * 2);
    expect(today.value).toBe('2026-11-30');
  });

  it('checks again when the window gets focus (a laptop woken in the morning)', async () => {
    vi.setSystemTime(new Date('2026-11-29T12:00:00Z'));
    const scope = effectScope();
    const today = scope.run(() => useToday())!;
    vi.setSystemTime(new Date('2026-11-30T01:00:00Z')); // 09:00 next day, no timer has fired yet
    window.dispatchEvent(new Event('focus'));
    await nextTick();
    expect(today.value).toBe('2026-11-30');
    scope.stop();
  });

  it('moves the default day with today but keeps a day picked explicitly', () => {
    // Before midnight: the default view (no day in the URL) and a picked day (in the URL).
    expect(ledgerToQuery(ledgerFromQuery({}, '2026-11-29'), '2026-11-29')).toEqual({});
    const picked = ledgerToQuery({ ...ledgerFromQuery({}, '2026-11-29'), day: '2026-11-27' }, '2026-11-29');
    expect(picked).toEqual({ day: '2026-11-27' });
    // After midnight the same URLs read: today follows, the picked day stays.
    expect(ledgerFromQuery({}, '2026-11-30')).toMatchObject({ day: '2026-11-30', from: '2026-11-01', to: '2026-11-30' });
    expect(ledgerFromQuery({ day: '2026-11-27' }, '2026-11-30').day).toBe('2026-11-27');
    // Into a new month the default period follows too.
    expect(ledgerFromQuery({}, '2026-12-01')).toMatchObject({ day: '2026-12-01', from: '2026-12-01', to: '2026-12-01' });
  });
});
