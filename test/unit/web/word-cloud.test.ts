import { describe, expect, it } from 'vitest';
import { cloudLayout } from '../../../web/src/features/trends/word-cloud';

describe('word cloud layout', () => {
  it('sizes words on a log scale between min and max, biggest in the middle', () => {
    const out = cloudLayout(
      [
        { word: '停水', count: 100 },
        { word: '暴雨', count: 10 },
        { word: '地铁', count: 1 },
        { word: '学校', count: 30 },
      ],
      { min: 10, max: 30 },
    );
    expect(out.map((w) => w.word)).toEqual(['暴雨', '停水', '学校', '地铁']);
    const byWord = Object.fromEntries(out.map((w) => [w.word, w]));
    expect(byWord['停水']).toMatchObject({ size: 30, weight: 1 });
    expect(byWord['地铁']).toMatchObject({ size: 10, weight: 0 });
    expect(byWord['暴雨']!.size).toBeGreaterThan(10);
    expect(byWord['暴雨']!.size).toBeLessThan(byWord['学校']!.size);
  });

  it('drops empty words and zero counts, handles equal counts and limits the number', () => {
    expect(cloudLayout([{ word: ' ', count: 3 }, { word: 'a', count: 0 }])).toEqual([]);
    expect(cloudLayout([{ word: 'a', count: 2 }, { word: 'b', count: 2 }], { max: 20 }).every((w) => w.size === 20)).toBe(true);
    expect(cloudLayout(Array.from({ length: 100 }, (_, i) => ({ word: `w${i}`, count: i + 1 })), { limit: 10 })).toHaveLength(10);
  });
});
