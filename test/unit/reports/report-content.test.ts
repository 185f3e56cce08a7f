import { describe, expect, it } from 'vitest';
import type { CategoryTotal } from '../../../server/contracts/ledger';
import type { ParagraphBlock, ReportDocument } from '../../../server/reports/document';
import { buildReportDocument, chineseCount, periodLabel } from '../../../server/reports/report-content';
import type { ReportFigures } from '../../../server/reports/report-figures';

const typed = (key: string, name: string, measure: string, quantity: number, entries: number): CategoryTotal =>
  ({ key, name, measure, quantity, entries, automatic: false, basis: null });
const auto = (key: string, name: string, measure: string, ids: number[], links: string[] = []): CategoryTotal =>
  ({ key, name, measure, quantity: ids.length, entries: 0, automatic: true, basis: { kind: key === 'rebuttals' ? 'rebuttals' : 'items', ids, truncated: false, links } });

const zeros = (n: number) => Array.from({ length: n }, () => 0);
function figures(over: Partial<ReportFigures> = {}): ReportFigures {
  return {
    from: '2026-11-16', to: '2026-11-22', dayCount: 7, unit: null, districtName: '清河区',
    outreach: [
      typed('billboards', '户外广告牌', '块', 12, 2),
      typed('leaflets', '宣传单', '张', 32_000, 5),
      typed('vehicles', '宣传车', '台次', 0, 0),
      auto('own-media-news', '自有媒体新闻', '条', [5, 6, 7], ['/api/items?source=rmt&from=2026-11-16&to=2026-11-22']),
      auto('higher-media', '上级媒体报道', '条', [9]),
      auto('rebuttals', '辟谣信息', '条', [1, 2]),
    ],
    units: [
      { id: 1, name: '城关镇', depth: 0, entries: 6, daysReported: 3, zeroDays: 1 },
      { id: 2, name: '东街社区', depth: 1, entries: 1, daysReported: 1, zeroDays: 0 },
      { id: 3, name: '区卫健局', depth: 0, entries: 0, daysReported: 0, zeroDays: 0 },
    ],
    entriesPerDay: [],
    targets: [],
    monitoring: {
      days: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'],
      items: [1, 2, 3, 4, 5, 6, 7], suspects: [0, 0, 1, 0, 1, 0, 0],
      itemsTotal: 28, previousItemsTotal: 20, suspectsTotal: 2, knownRumourItems: 1, rebuttalItems: 1, priceGougingItems: 0,
      sentiment: { pos: 5, neutral: 20, neg: 3 }, confirmed: zeros(7), rebutted: zeros(7), confirmedTotal: 1, rebuttedTotal: 1,
      clock: { toVerdict: { n: 1, medianHours: 5, p90Hours: 5 }, toRebuttal: { n: 1, medianHours: 20, p90Hours: 20 }, unanswered: 0 },
    },
    ...over,
  };
}
const build = (f: ReportFigures) => buildReportDocument(f, { baseUrl: 'https://yq.example.gov.cn/', generatedAt: new Date('2026-11-23T01:00:00Z') });
const textOf = (doc: ReportDocument) =>
  doc.sections.flatMap((s) => [s.heading, ...s.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : b.type === 'table' ? b.rows.flat().map((r) => r.text) : []))]).join('\n');
const runsOf = (doc: ReportDocument) => doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'paragraph' ? (b as ParagraphBlock).runs : [])));

describe('numbers and periods as a summary writes them', () => {
  it('uses 万 and 亿 from ten thousand, with 余 when there is more than it says', () => {
    expect(chineseCount(800)).toBe('800');
    expect(chineseCount(32_000)).toBe('3.2万');
    expect(chineseCount(10_000)).toBe('1万');
    expect(chineseCount(12_345)).toBe('1.2万余');
    expect(chineseCount(19_999)).toBe('1.9万余');
    expect(chineseCount(123_456_789)).toBe('1.2亿余');
    expect(chineseCount(300_000_000)).toBe('3亿');
  });
  it('names a period in Chinese', () => {
    expect(periodLabel('2026-11-16', '2026-11-22')).toBe('2026年11月16日至11月22日');
    expect(periodLabel('2025-12-29', '2026-01-04')).toBe('2025年12月29日至2026年1月4日');
    expect(periodLabel('2026-11-16', '2026-11-16')).toBe('2026年11月16日');
  });
});

describe('the work summary', () => {
  const doc = build(figures());
  const text = textOf(doc);

  it('follows the department’s structure, next steps left to the writer', () => {
    expect(doc.title).toBe('清河区宣传工作总结');
    expect(doc.subtitle).toBe('（2026年11月16日至11月22日）');
    expect(doc.sections.map((s) => s.heading)).toEqual(['总体情况', '宣传产出', '新闻宣传与上级媒体报道', '网络舆情监测', '下一步工作', '附：数据来源']);
    expect(doc.sections.at(-1)!.numbered).toBe(false);
    expect(doc.sections[4]!.blocks[0]!.type).toBe('prompt');
  });

  it('fills the outreach sentence with every figure, no "xx", zero categories named apart', () => {
    expect(text).toContain('本期共发布户外广告牌12块，印制发放宣传单3.2万张，发布辟谣信息2条。');
    expect(text).toContain('本期无报送的类别：宣传车。');
    expect(text).not.toMatch(/xx/i);
    expect(text).toContain('本期自有媒体平台发布新闻3条，上级媒体报道本地1条。');
  });

  it('links every figure to what it counts', () => {
    const leaflets = runsOf(doc).find((r) => r.text === '3.2万')!;
    expect(leaflets.link).toBe('https://yq.example.gov.cn/api/ledger/entries?from=2026-11-16&to=2026-11-22&category=leaflets&pageSize=500');
    const own = runsOf(doc).find((r) => r.text === '3' && r.link?.includes('/api/items'))!;
    expect(own.link).toBe('https://yq.example.gov.cn/api/items?source=rmt&from=2026-11-16&to=2026-11-22');
    const suspects = runsOf(doc).find((r) => r.text === '2' && r.link?.includes('rumor-suspect'))!;
    expect(suspects.link).toBe('https://yq.example.gov.cn/search?from=2026-11-16&to=2026-11-22&tag=rumor-suspect');
    // The appendix names the records behind the automatic figures.
    expect(text).toContain('采集信息 3 条（编号 5、6、7）');
    expect(text).toContain('台账记录 5 条');
  });

  it('reports the change against the previous period and the rumour clock', () => {
    expect(text).toContain('较上一周期增长40%');
    expect(text).toContain('中位用时5小时');
    expect(text).toContain('中位用时20小时');
  });

  it('lists every unit with the days it did not report', () => {
    const table = doc.sections[1]!.blocks.find((b) => b.type === 'table' && b.caption === '各单位报送情况');
    expect(table && table.type === 'table' && table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['城关镇', '6', '3', '1', '3'],
      ['　东街社区', '1', '1', '0', '6'],
      ['区卫健局', '0', '0', '0', '7'],
    ]);
  });

  it('a unit’s report leaves out the district-wide sections', () => {
    const unitDoc = build(figures({ unit: { id: 1, name: '城关镇' }, monitoring: null, outreach: figures().outreach.filter((t) => !t.automatic) }));
    expect(unitDoc.title).toBe('城关镇宣传工作总结');
    expect(unitDoc.sections.map((s) => s.heading)).toEqual(['总体情况', '宣传产出', '下一步工作', '附：数据来源']);
    const leaflets = runsOf(unitDoc).find((r) => r.text === '3.2万')!;
    expect(leaflets.link).toContain('unitId=1');
  });

  it('says why higher-level media is not counted while the district is unnamed', () => {
    expect(textOf(build(figures({ districtName: null })))).toContain('尚未设置本区名称及别称');
  });
});
