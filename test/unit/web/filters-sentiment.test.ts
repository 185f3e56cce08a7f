import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filtersFromQuery, filtersToApiParams, filtersToQuery, type SearchFilters } from '../../../web/src/filters';

describe('search sentiment and topic filters', () => {
  it('round-trip through the URL and reach the API', () => {
    const f = { ...EMPTY_FILTERS, q: '地铁', sentiment: 'neg', topic: '7' } as const;
    const q = filtersToQuery(f);
    expect(q).toEqual({ q: '地铁', sentiment: 'neg', topic: '7' });
    expect(filtersFromQuery(q as Record<string, string>)).toMatchObject({ sentiment: 'neg', topic: '7' });
    const p = filtersToApiParams(f, 20);
    expect([p.get('sentiment'), p.get('topic')]).toEqual(['neg', '7']);
  });

  it('drop unknown labels and non-ids from a shared link', () => {
    const f = filtersFromQuery({ sentiment: 'angry', topic: '0' });
    expect(f.sentiment).toBeUndefined();
    expect(f.topic).toBeUndefined();
    expect(filtersFromQuery({ topic: '12abc' }).topic).toBeUndefined();
  });

  it('leave out a cleared select', () => {
    expect(filtersToQuery({ ...EMPTY_FILTERS, sentiment: '', topic: '' })).toEqual({});
  });
});

describe('resetting the search form', () => {
  it('clears sentiment and topic as well', () => {
    const form: SearchFilters = { ...EMPTY_FILTERS, sentiment: 'pos', topic: '3' };
    Object.assign(form, EMPTY_FILTERS);
    expect(filtersToQuery(form)).toEqual({});
  });
});
