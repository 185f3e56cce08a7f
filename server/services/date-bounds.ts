import { ValidationError, fieldFailures } from '../errors';
import { isDayString, shanghaiDayStart } from '../lib/time';

const DAY_MS = 86_400_000;

/** A day (Asia/Shanghai, whole day) or an ISO instant → UTC ISO bound. */
export function parseBound(field: 'from' | 'to', value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (isDayString(value)) {
    const start = shanghaiDayStart(value).getTime();
    return new Date(field === 'to' ? start + DAY_MS : start).toISOString();
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new ValidationError(`${field}: expected a day (YYYY-MM-DD) or an ISO 8601 instant`, [
      { path: field, message: 'expected a day (YYYY-MM-DD) or an ISO 8601 instant' },
    ]);
  }
  return new Date(ms).toISOString();
}

/** Both bounds of a from/to query, checked to be in order. */
export function parseBounds(from: string | undefined, to: string | undefined): { fromIso?: string; toIso?: string } {
  const fromIso = parseBound('from', from);
  const toIso = parseBound('to', to);
  if (fromIso && toIso && fromIso >= toIso) {
    throw fieldFailures.periodReversed('from');
  }
  return { fromIso, toIso };
}
