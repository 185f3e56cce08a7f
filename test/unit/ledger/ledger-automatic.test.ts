import { describe, expect, it } from 'vitest';
import { automaticFigure, BASIS_IDS } from '../../../server/services/ledger-automatic';

describe('automaticFigure', () => {
  it('bounds rebuttals by Asia/Shanghai days: from 00:00 +08 on the first day to 00:00 +08 after the last', () => {
    const calls: string[][] = [];
    const repo = {
      rebuttalIds: (a: string, b: string) => (calls.push([a, b]), [4, 7]),
      ownMediaSourceIds: () => [],
      itemIds: () => [],
    };
    const fig = automaticFigure(repo, 'rebuttals', '2026-11-01', '2026-11-07');
    expect(calls).toEqual([['2026-10-31T16:00:00.000Z', '2026-11-07T16:00:00.000Z']]);
    expect(fig).toEqual({ quantity: 2, basis: { kind: 'rebuttals', ids: [4, 7], truncated: false, links: [] } });
  });

  it('counts own-media items by day, lists at most BASIS_IDS ids and links each source', () => {
    const ids = Array.from({ length: BASIS_IDS + 5 }, (_, i) => i + 1);
    const repo = { rebuttalIds: () => [], ownMediaSourceIds: () => ['wx', 'site'], itemIds: (s: string[], f: string, t: string) => (s.length === 2 && f === '2026-11-01' && t === '2026-11-02' ? ids : []) };
    const fig = automaticFigure(repo, 'own-media-news', '2026-11-01', '2026-11-02')!;
    expect(fig.quantity).toBe(BASIS_IDS + 5);
    expect(fig.basis.ids).toHaveLength(BASIS_IDS);
    expect(fig.basis.truncated).toBe(true);
    expect(fig.basis.links).toEqual(['/api/items?source=wx&from=2026-11-01&to=2026-11-02', '/api/items?source=site&from=2026-11-01&to=2026-11-02']);
  });

  it('has no figure for a category without a counter', () => {
    expect(automaticFigure({ rebuttalIds: () => [], ownMediaSourceIds: () => [], itemIds: () => [] }, 'leaflets', '2026-11-01', '2026-11-01')).toBeNull();
  });
});
