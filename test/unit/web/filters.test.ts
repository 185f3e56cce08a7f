import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, MAX_PAGE, filtersFromQuery, filtersToApiParams, filtersToQuery } from '../../../web/src/filters';

describe('search filters in the URL', () => {
  it('round-trips a full view through the query string', () => {
    const f = { q: '板蓝根 预防', source: 'demo-forum', kind: 'post', tag: 'rumor-suspect', from: '2026-11-01', to: '2026-11-28', sort: 'score', page: 3 } as const;
    expect(filtersFromQuery(filtersToQuery(f) as Record<string, string>)).toEqual(f);
  });

  it('drops empty values and page 1 so links stay short', () => {
    expect(filtersToQuery({ ...EMPTY_FILTERS, q: ' 封城 ' })).toEqual({ q: '封城' });
  });

  it('ignores malformed or unknown values from a shared link', () => {
    const f = filtersFromQuery({ kind: 'video', tag: '<script>', from: '2026/11/01', page: '-4', sort: 'random', q: ['a', 'b'] });
    expect(f).toEqual({ ...EMPTY_FILTERS, q: 'a' });
  });

  it('builds the API query with page and page size', () => {
    const p = filtersToApiParams({ ...EMPTY_FILTERS, tag: 'rebuttal', page: 2 }, 20);
    expect(p.get('tag')).toBe('rebuttal');
    expect(p.get('page')).toBe('2');
    expect(p.get('pageSize')).toBe('20');
    expect(p.has('q')).toBe(false);
  });

  it('treats a cleared select (undefined or null) as no filter', () => {
    const cleared = { ...EMPTY_FILTERS, q: '谣言', source: undefined, kind: null } as unknown as typeof EMPTY_FILTERS;
    expect(filtersToQuery(cleared)).toEqual({ q: '谣言' });
  });

  it('swaps a reversed date range and caps the page number', () => {
    const f = filtersFromQuery({ from: '2026-11-28', to: '2026-11-01', page: '99999' });
    expect([f.from, f.to, f.page]).toEqual(['2026-11-01', '2026-11-28', MAX_PAGE]);
  });

  it('keeps an open-ended range', () => {
    expect(filtersToQuery(filtersFromQuery({ from: '2026-11-01' }))).toEqual({ from: '2026-11-01' });
  });
});
