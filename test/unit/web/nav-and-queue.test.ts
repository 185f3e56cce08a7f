import { describe, expect, it } from 'vitest';
import { activeNav } from '../../../web/src/nav';
import { pageFromQuery, queueQuery, statusFromQuery } from '../../../web/src/features/review/review-query';

describe('menu highlighting', () => {
  it('maps paths to their menu entry', () => {
    expect(activeNav('/')).toBe('overview');
    expect(activeNav('/search')).toBe('search');
    expect(activeNav('/items/12')).toBe('search');
    expect(activeNav('/review')).toBe('review');
    expect(activeNav('/sources')).toBe('sources');
    expect(activeNav('/sourcesX')).toBeNull();
  });
});

describe('review queue view in the URL', () => {
  it('reads the status tab and page, distrusting odd values', () => {
    expect(statusFromQuery('decided')).toBe('decided');
    expect(statusFromQuery(['all', 'decided'])).toBe('all');
    expect(statusFromQuery('nonsense')).toBe('pending');
    expect(statusFromQuery(undefined)).toBe('pending');
    expect(pageFromQuery('3')).toBe(3);
    expect(pageFromQuery('-1')).toBe(1);
    expect(pageFromQuery('abc')).toBe(1);
  });

  it('writes only what differs from the default view', () => {
    expect(queueQuery('pending', 1)).toEqual({});
    expect(queueQuery('decided', 2)).toEqual({ status: 'decided', page: '2' });
  });
});
