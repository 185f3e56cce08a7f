import { describe, expect, it } from 'vitest';
import { districtNeedles, mentionsDistrict, needleProbes } from '../../../server/nlp/district-mention';
import { isPressConference } from '../../../server/nlp/press-conference';

describe('districtNeedles / mentionsDistrict', () => {
  it('finds the name inside longer names (清河区委, 清河区人民政府) and by alias', () => {
    const n = districtNeedles({ name: '清河区', aliases: ['清河新城'] });
    expect(n).toEqual(['清河区', '清河新城']);
    expect(mentionsDistrict('清河区委召开全会', n)).toBe(true);
    expect(mentionsDistrict('省政府督查组到清河区人民政府调研', n)).toBe(true);
    expect(mentionsDistrict('清河新城建设提速', n)).toBe(true);
    expect(mentionsDistrict('河西区召开会议', n)).toBe(false);
    expect(mentionsDistrict('清河县召开会议', n)).toBe(false);
  });

  it('folds full-width and half-width forms both ways', () => {
    const half = districtNeedles({ name: 'X新区', aliases: [] });
    expect(half).toEqual(['X新区', 'Ｘ新区']);
    expect(mentionsDistrict('走进Ｘ新区', half)).toBe(true);
    const typedFull = districtNeedles({ name: 'Ｘ新区', aliases: [] });
    expect(mentionsDistrict('走进X新区', typedFull)).toBe(true);
  });

  it('drops names shorter than 2 characters and names containing a shorter one', () => {
    expect(districtNeedles({ name: '清河区', aliases: ['清', '清河'] })).toEqual(['清河']);
    expect(districtNeedles({ name: '清', aliases: [] })).toEqual([]);
    expect(mentionsDistrict('清河区', [])).toBe(false);
  });
});

describe('needleProbes', () => {
  it('covers every needle with few two-character pieces', () => {
    expect(needleProbes(['清河区', '清河新城', '清河街道'])).toEqual(['清河']);
    const probes = needleProbes(['清河区', '清河新城', 'QH新区', 'ＱＨ新区']);
    expect(probes).toHaveLength(2);
    for (const n of ['清河区', '清河新城', 'QH新区', 'ＱＨ新区']) expect(probes.some((p) => n.includes(p))).toBe(true);
    expect(needleProbes([])).toEqual([]);
  });
});

describe('isPressConference', () => {
  const needles = districtNeedles({ name: '清河区', aliases: ['清河'] });
  const external = (title: string) => isPressConference({ title, kind: 'news', own: false, needles });
  const own = (title: string) => isPressConference({ title, kind: 'notice', own: true, needles: [] });

  it('recognises government press conferences, briefings and their notices', () => {
    expect(external('清河区召开2026年第三季度新闻发布会')).toBe(true);
    expect(external('清河区政府新闻办举行“十五五”规划解读发布会')).toBe(true);
    expect(external('清河区举行优化营商环境新闻通气会')).toBe(true);
    expect(external('清河召开政策吹风会 解读惠企十条')).toBe(true);
    expect(external('【直播】清河区新闻发布会：介绍老旧小区改造进展')).toBe(true);
    expect(external('清河區召開新聞發佈會')).toBe(true);
    expect(own('新闻发布会预告')).toBe(true);
    expect(own('关于召开2026年第四季度新闻发布会的通知')).toBe(true);
    expect(own('区政府新闻办将举行发布会')).toBe(true);
  });

  it('refuses product launches, other places and forum talk', () => {
    expect(external('某科技公司召开手机新品发布会')).toBe(false);
    expect(external('清河区某企业举行新品发布会')).toBe(false);
    expect(external('清河区好又多超市新款产品发布会')).toBe(false);
    expect(external('河西区召开新闻发布会')).toBe(false); // another district
    expect(external('省政府新闻办举行新闻发布会')).toBe(false); // the district is not named
    expect(external('清河区召开经济工作会议')).toBe(false); // not a conference for the press
    expect(own('2026秋季新车型发布会')).toBe(false);
    expect(own('发布会')).toBe(false); // a bare word with no official signal
    expect(isPressConference({ title: '清河区召开新闻发布会了吗', kind: 'post', own: false, needles })).toBe(false);
  });
});
