import type { ChartBlock, ReportDocument } from '../../../server/reports/document';

/** Text as a crawled page might deliver it: markup, entities, quotes and an XML-invalid control char. */
export const HOSTILE = '<img src=x onerror=alert(1)><script>alert("x")</script>&amp;"\'\u0001';

export function barChart(title: string, overrides: Partial<ChartBlock> = {}): ChartBlock {
  return {
    type: 'chart',
    title,
    option: {
      title: { text: title, left: 'center' },
      xAxis: { type: 'category', data: ['微博', '抖音', '新闻网站', '论坛'] },
      yAxis: { type: 'value', name: '条数' },
      series: [{ type: 'bar', data: [120, 300, 75, 42] }],
    },
    width: 720,
    height: 360,
    alt: `${title}：微博120条，抖音300条，新闻网站75条，论坛42条`,
    ...overrides,
  };
}

/** Two sections covering every block type; returns the chart so tests can hand in its rendering. */
export function sampleReport(opts: { hostile?: boolean } = {}): { doc: ReportDocument; chart: ChartBlock } {
  const h = opts.hostile ? HOSTILE : '';
  const chart = barChart(`各平台信息量${h}`, { alt: `各平台信息量柱状图${h}` });
  const doc: ReportDocument = {
    title: `舆情监测工作总结${h}`,
    subtitle: `2026年11月23日—11月29日 · 全区${h}`,
    sections: [
      {
        heading: `总体情况${h}`,
        blocks: [
          {
            type: 'paragraph',
            runs: [
              { text: '本周共监测到涉区信息' },
              { text: '537条', bold: true, link: 'https://yq.example.gov.cn/ledger?week=2026-48' },
              { text: `，其中负面信息${h}` },
              { text: '12条', link: 'javascript:alert(1)' },
              { text: '。' },
            ],
          },
          {
            type: 'table',
            caption: `各平台信息量统计${h}`,
            columns: ['平台', '信息量', '占比'],
            rows: [
              [{ text: '微博' }, { text: '120', link: 'https://yq.example.gov.cn/items?p=weibo&w=48' }, { text: '22.3%' }],
              [{ text: `抖音${h}` }, { text: '300' }, { text: '55.9%' }],
            ],
            align: ['left', 'right', 'right'],
          },
          chart,
        ],
      },
      {
        heading: '下一步工作',
        blocks: [{ type: 'prompt', text: `请在此填写下一步工作计划。${h}` }],
      },
    ],
    footer: `本报告由舆情监测系统于2026年11月29日 10:00 生成${h}`,
  };
  return { doc, chart };
}

/** Width and height from a PNG's IHDR chunk, without decoding the image. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
