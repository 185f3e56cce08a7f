import { describe, expect, it } from 'vitest';
import { isDayString, lastShanghaiDays, shanghaiDay, shanghaiDayStart } from '../../../server/lib/time';

describe('Asia/Shanghai days', () => {
  it('puts 16:30 UTC on the next Shanghai day', () => {
    expect(shanghaiDay('2026-11-27T16:30:00Z')).toBe('2026-11-28');
    expect(shanghaiDay('2026-11-27T15:59:59Z')).toBe('2026-11-27');
  });

  it('starts a Shanghai day at 16:00 UTC of the day before', () => {
    expect(shanghaiDayStart('2026-11-28').toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });

  it('lists the last N days ending today, oldest first', () => {
    const days = lastShanghaiDays(3, new Date('2026-03-01T17:00:00Z'));
    expect(days).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('recognises day strings only when they are real dates', () => {
    expect(isDayString('2026-11-28')).toBe(true);
    expect(isDayString('2026-13-01')).toBe(false);
    expect(isDayString('28/11/2026')).toBe(false);
  });
});
