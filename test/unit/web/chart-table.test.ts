import { describe, expect, it } from 'vitest';
import { chartToTable, exportFileName, tableForSheet, tableToCsv } from '../../../web/src/charts/chart-table';
import { tableToXlsx } from '../../../web/src/charts/chart-xlsx';
import { buildRumourOption, buildVolumeOption } from '../../../web/src/charts/volume-option';
import { buildShareOption } from '../../../web/src/charts/share-option';
import { buildEventsOption } from '../../../web/src/charts/events-option';
import type { TrendResult } from '../../../server/contracts/trends';

const labels = { category: '时间', name: '类别', value: '数量' };

const result: TrendResult = {
  interval: 'day',
  by: 'sentiment',
  from: '2026-11-22',
  to: '2026-11-28',
  buckets: ['2026-11-27', '2026-11-28'],
  all: [5, 7],
  total: 12,
  previousTotal: 3,
  series: [
    { key: 'neg', label: 'neg', counts: [2, 3], share: [0.4, 0.43], total: 5, previousTotal: 1 },
    { key: 'pos', label: 'pos', counts: [3, 4], share: [0.6, 0.57], total: 7, previousTotal: 2 },
  ],
};

describe('chart option → table', () => {
  it('reads a category axis with one column per series', () => {
    const option = buildVolumeOption(result, { all: '全部', other: '其他', series: (l) => (l.key === 'neg' ? '负面' : '正面') });
    const table = chartToTable(option, labels);
    expect(table.columns).toEqual(['时间', '正面', '负面']);
    expect(table.rows).toEqual([
      ['11-27', 3, 2],
      ['11-28', 4, 3],
    ]);
  });

  it('reads grouped bars and horizontal bars (category on the y axis)', () => {
    const rumours = chartToTable(buildRumourOption({ interval: 'day', buckets: ['2026-11-28'], found: [2], rebutted: [1], foundTotal: 2, rebuttedTotal: 1 }, { found: '发现', rebutted: '辟谣' }), labels);
    expect(rumours).toEqual({ columns: ['时间', '发现', '辟谣'], rows: [['11-28', 2, 1]] });
    const ev = (id: number, title: string, recent: number) => ({ id, clusters: [id], title, excerpt: '', firstSeenAt: '', lastSeenAt: '', size: recent, recent, previous: 0, sourceCount: 1, sources: [], curve: [] });
    const events = chartToTable(buildEventsOption([ev(1, '地铁延误', 9), ev(2, '停水通知', 4)], { recent: '条数' }), labels);
    expect(events.columns).toEqual(['时间', '条数']);
    expect(events.rows).toEqual([
      ['停水通知', 4],
      ['地铁延误', 9],
    ]);
  });

  it('reads a pie as name/value pairs', () => {
    const table = chartToTable(buildShareOption(result, { name: (k) => (k === 'neg' ? '负面' : '正面'), order: ['neg', 'neutral', 'pos'] }), labels);
    expect(table).toEqual({
      columns: ['类别', '数量'],
      rows: [
        ['负面', 5],
        ['正面', 7],
      ],
    });
  });

  it('copes with odd data points and options without a category axis', () => {
    const table = chartToTable({ xAxis: [{ type: 'category', data: ['a', 'b', 'c'] }], series: [{ data: [{ value: 1 }, null, [0, 5]] }] }, labels);
    expect(table).toEqual({ columns: ['时间', '#1'], rows: [['a', 1, null], ['b', null, null], ['c', 5, null]].map((r) => r.slice(0, 2)) });
    expect(chartToTable({ series: [] }, labels)).toEqual({ columns: [], rows: [] });
    expect(chartToTable(null, labels)).toEqual({ columns: [], rows: [] });
  });
});

describe('CSV for Excel', () => {
  it('starts with a UTF-8 BOM, uses CRLF and quotes what needs quoting', () => {
    const csv = tableToCsv({ columns: ['标题', '数量'], rows: [['燃气, "泄漏"', 3], ['换行\n文本', null]] });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('标题,数量\r\n"燃气, ""泄漏""",3\r\n"换行\n文本",\r\n');
  });

  it('keeps crawled text from running as a formula', () => {
    expect(tableToCsv({ columns: ['t'], rows: [['=HYPERLINK("x")'], ['-12'], ['@cmd']] }).split('\r\n').slice(1, 4)).toEqual(['"\'=HYPERLINK(""x"")"', '-12', "'@cmd"]);
    expect(tableForSheet({ columns: ['t'], rows: [['+1+1'], [3]] })).toEqual([['t'], ["'+1+1"], [3]]);
  });

  it('names files after the chart and the day', () => {
    expect(exportFileName('声量趋势', '2026-11-29', 'csv')).toBe('声量趋势-20261129.csv');
    expect(exportFileName('a/b:c*?', '2026-11-29', 'png')).toBe('a b c-20261129.png');
    expect(exportFileName('  ', '2026-11-29', 'xlsx')).toBe('chart-20261129.xlsx');
  });
});

describe('XLSX', () => {
  it('writes a workbook (a zip) with the Chinese text in it', async () => {
    const blob = await tableToXlsx({ columns: ['类别', '数量'], rows: [['负面', 5], ['正面', null]] }, '情感倾向占比：7日/全部[测试]');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(500);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  });
});
