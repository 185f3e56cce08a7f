import { describe, expect, it } from 'vitest';
import type { PressRow } from '../../../server/repositories/ledger-repo';
import { automaticFigure, BASIS_IDS, type AutomaticCounts } from '../../../server/services/ledger-automatic';

const none: AutomaticCounts = {
  rebuttalIds: () => [],
  ownMediaSourceIds: () => [],
  itemIds: () => [],
  getDistrict: () => null,
  externalSourceIds: () => [],
  mentionItemIds: () => [],
  pressRows: () => [],
};
const fake = (over: Partial<AutomaticCounts>): AutomaticCounts => ({ ...none, ...over });
const district = { name: '清河区', aliases: ['清河'], updatedBy: 'a', updatedAt: '2026-11-01T00:00:00Z' };
const press = (id: number, over: Partial<PressRow> = {}): PressRow => ({
  id, title: '清河区召开新闻发布会', url: `https://x.test/${id}`, sourceId: 'paper', kind: 'news', day: '2026-11-01', sortAt: '2026-11-01T02:00:00Z',
  conference: id, own: false, decision: null, decidedBy: null, decidedAt: null, ...over,
});

describe('automaticFigure', () => {
  it('bounds rebuttals by Asia/Shanghai days: from 00:00 +08 on the first day to 00:00 +08 after the last', () => {
    const calls: string[][] = [];
    const repo = fake({ rebuttalIds: (a: string, b: string) => (calls.push([a, b]), [4, 7]) });
    const fig = automaticFigure(repo, 'rebuttals', '2026-11-01', '2026-11-07');
    expect(calls).toEqual([['2026-10-31T16:00:00.000Z', '2026-11-07T16:00:00.000Z']]);
    expect(fig).toEqual({ quantity: 2, basis: { kind: 'rebuttals', ids: [4, 7], truncated: false, links: [expect.stringMatching(/^\/api\/ledger\/totals\/rebuttals\/records\?/)] } });
  });

  it('counts own-media items by day, lists at most BASIS_IDS ids and links each source', () => {
    const ids = Array.from({ length: BASIS_IDS + 5 }, (_, i) => i + 1);
    const repo = fake({ ownMediaSourceIds: () => ['wx', 'site'], itemIds: (s: string[], f: string, t: string) => (s.length === 2 && f === '2026-11-01' && t === '2026-11-02' ? ids : []) });
    const fig = automaticFigure(repo, 'own-media-news', '2026-11-01', '2026-11-02')!;
    expect(fig.quantity).toBe(BASIS_IDS + 5);
    expect(fig.basis.ids).toHaveLength(BASIS_IDS);
    expect(fig.basis.truncated).toBe(true);
    expect(fig.basis.links).toEqual(['/api/ledger/totals/own-media-news/records?from=2026-11-01&to=2026-11-02', '/api/items?source=wx&from=2026-11-01&to=2026-11-02', '/api/items?source=site&from=2026-11-01&to=2026-11-02']);
  });

  it('counts higher-level media only once a district is set, searching outside sources for its needles', () => {
    expect(automaticFigure(none, 'higher-media', '2026-11-01', '2026-11-02')).toEqual({
      quantity: 0, basis: { kind: 'items', ids: [], truncated: false, links: ['/api/ledger/totals/higher-media/records?from=2026-11-01&to=2026-11-02'], reason: 'no-district-profile' },
    });
    const calls: unknown[] = [];
    const repo = fake({
      getDistrict: () => district,
      externalSourceIds: () => ['paper'],
      mentionItemIds: (s, n, f, t) => (calls.push([s, n, f, t]), [3, 9]),
    });
    expect(automaticFigure(repo, 'higher-media', '2026-11-01', '2026-11-02')).toEqual({ quantity: 2, basis: { kind: 'items', ids: [3, 9], truncated: false, links: ['/api/ledger/totals/higher-media/records?from=2026-11-01&to=2026-11-02'] } });
    expect(calls).toEqual([[['paper'], { needles: ['清河'], probes: ['清河'] }, '2026-11-01', '2026-11-02']]);
  });

  it('counts press conferences once per cluster, leaving out rejected ones and what is not a conference', () => {
    const repo = fake({
      getDistrict: () => district,
      pressRows: () => [
        press(1), press(2, { conference: 1 }), // one conference, two outlets
        press(3, { decision: 'rejected' }),
        press(4, { title: '某公司召开手机新品发布会' }),
        press(5, { title: '新闻发布会预告', own: true }),
        press(6, { title: '一条普通新闻', decision: 'confirmed' }), // a person's word outlives the rules
      ],
    });
    const fig = automaticFigure(repo, 'press-conferences', '2026-11-01', '2026-11-02')!;
    expect(fig.quantity).toBe(3);
    expect(fig.basis.ids).toEqual([1, 5, 6]);
    expect(fig.basis.links).toEqual(['/api/ledger/totals/press-conferences/records?from=2026-11-01&to=2026-11-02', '/api/ledger/press-conferences?from=2026-11-01&to=2026-11-02']);
  });

  it('has no figure for a category without a counter', () => {
    expect(automaticFigure(none, 'leaflets', '2026-11-01', '2026-11-01')).toBeNull();
  });
});
