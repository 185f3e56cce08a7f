import { describe, expect, it } from 'vitest';
import { activeNav } from '../../../web/src/nav';
import {
  DEFAULT_QUEUE,
  pageFromQuery,
  queueFromQuery,
  queueParams,
  queueToQuery,
  shortcutFor,
  suggestClaim,
} from '../../../web/src/features/review/review-query';

describe('menu highlighting', () => {
  it('maps paths to their menu entry', () => {
    expect(activeNav('/')).toBe('overview');
    expect(activeNav('/search')).toBe('search');
    expect(activeNav('/items/12')).toBe('search');
    expect(activeNav('/review')).toBe('review');
    expect(activeNav('/sources')).toBe('sources');
    expect(activeNav('/library/3')).toBe('library');
    expect(activeNav('/sourcesX')).toBeNull();
  });
});

describe('review queue view in the URL', () => {
  it('reads status, filters, sort and page, distrusting odd values', () => {
    expect(queueFromQuery({ status: 'decided' }).status).toBe('decided');
    expect(queueFromQuery({ status: ['needs-verification', 'decided'] }).status).toBe('needs-verification');
    expect(queueFromQuery({ status: 'nonsense' }).status).toBe('pending');
    expect(queueFromQuery({})).toEqual(DEFAULT_QUEUE);
    expect(queueFromQuery({ tag: 'known-rumor', sort: 'spread', source: 'forum' })).toMatchObject({ tag: 'known-rumor', sort: 'spread', source: 'forum' });
    expect(queueFromQuery({ tag: '<script>', sort: 'bogus' })).toMatchObject({ tag: '', sort: 'priority' });
    expect(queueFromQuery({ from: '2026-11-20', to: '2026-11-10' })).toMatchObject({ from: '2026-11-10', to: '2026-11-20' });
    expect(queueFromQuery({ from: 'yesterday' }).from).toBe('');
    expect(pageFromQuery('3')).toBe(3);
    expect(pageFromQuery('-1')).toBe(1);
    expect(pageFromQuery('abc')).toBe(1);
  });

  it('writes only what differs from the default view', () => {
    expect(queueToQuery(DEFAULT_QUEUE)).toEqual({});
    expect(queueToQuery({ ...DEFAULT_QUEUE, status: 'decided', page: 2, tag: 'rebuttal' })).toEqual({ status: 'decided', page: '2', tag: 'rebuttal' });
  });

  it('round-trips a view through the URL and into the API query', () => {
    const view = { ...DEFAULT_QUEUE, status: 'in-progress' as const, source: 'forum', from: '2026-11-01', to: '2026-11-07', sort: 'newest' as const, page: 3 };
    expect(queueFromQuery(queueToQuery(view) as Record<string, string>)).toEqual(view);
    expect(Object.fromEntries(queueParams(view, 20))).toEqual({
      status: 'in-progress',
      sort: 'newest',
      page: '3',
      pageSize: '20',
      source: 'forum',
      from: '2026-11-01',
      to: '2026-11-07',
    });
  });
});

describe('review helpers', () => {
  it('suggests a claim from the title, else the first sentence, without rumour-spreading prefixes', () => {
    expect(suggestClaim('网传明天全区停水', '')).toBe('明天全区停水');
    expect(suggestClaim('', '转发：东城街道自来水被污染了。大家注意！')).toBe('东城街道自来水被污染了');
    expect(suggestClaim('短', '【紧急扩散】某小区发生火灾！')).toBe('某小区发生火灾');
  });

  it('maps keys to queue actions', () => {
    expect(shortcutFor('j')).toBe('next');
    expect(shortcutFor('ArrowUp')).toBe('prev');
    expect(shortcutFor('c')).toBe('confirm');
    expect(shortcutFor('q')).toBeNull();
  });
});

describe('the queue filter by monitoring topic', () => {
  it('reads a topic id from a shared link, ignores anything else, and sends it to the API', () => {
    expect(queueFromQuery({ topic: '3' }).topic).toBe('3');
    expect(queueFromQuery({ topic: 'x' }).topic).toBe('');
    expect(queueFromQuery({ topic: '0' }).topic).toBe('');
    expect(queueToQuery({ ...DEFAULT_QUEUE, topic: '3' })).toEqual({ topic: '3' });
    expect(queueParams({ ...DEFAULT_QUEUE, topic: '3' }, 20).get('topic')).toBe('3');
    expect(queueParams(DEFAULT_QUEUE, 20).has('topic')).toBe(false);
  });
});
