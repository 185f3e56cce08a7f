import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../server/errors';
import {
  parseDayCell, parseQuantityCell, readImportTable, validateImportRows, type Cell, type ImportLookups,
} from '../../../server/services/ledger-import';

const UNITS: Record<string, number> = { 城关镇: 1, 东街社区: 2 };
const CATS: Record<string, { key: string; automatic: boolean }> = {
  宣传单: { key: 'leaflets', automatic: false },
  leaflets: { key: 'leaflets', automatic: false },
  标语横幅: { key: 'banners', automatic: false },
  辟谣信息: { key: 'rebuttals', automatic: true },
};
const look = (over: Partial<ImportLookups> = {}): ImportLookups => ({
  unitId: (n) => UNITS[n] ?? null,
  category: (n) => CATS[n] ?? null,
  today: '2026-11-29',
  exists: () => false,
  ...over,
});
const HEAD: Cell[] = ['日期', '单位', '类别', '数量', '备注'];

describe('parseDayCell', () => {
  it('reads the ways people write a day', () => {
    expect(parseDayCell('2026-11-05')).toBe('2026-11-05');
    expect(parseDayCell('2026/11/5')).toBe('2026-11-05');
    expect(parseDayCell('2026.1.5')).toBe('2026-01-05');
    expect(parseDayCell('2026年11月5日')).toBe('2026-11-05');
  });
  it('reads Excel dates and serial numbers as calendar days', () => {
    expect(parseDayCell(new Date(Date.UTC(2026, 10, 5)))).toBe('2026-11-05');
    expect(parseDayCell(45_658)).toBe('2025-01-01'); // Excel shows 45658 as 2025-01-01
  });
  it('refuses days that do not exist and other text', () => {
    expect(parseDayCell('2026-02-30')).toBeNull();
    expect(parseDayCell('2026-13-01')).toBeNull();
    expect(parseDayCell('昨天')).toBeNull();
    expect(parseDayCell(1.5)).toBeNull();
    expect(parseDayCell(null)).toBeNull();
  });
});

describe('parseQuantityCell', () => {
  it('reads numbers with separators and 万', () => {
    expect(parseQuantityCell('1,200')).toEqual({ value: 1200 });
    expect(parseQuantityCell('1.5万')).toEqual({ value: 15_000 });
    expect(parseQuantityCell(3)).toEqual({ value: 3 });
    expect(parseQuantityCell('0')).toEqual({ value: 0 });
  });
  it('names what is wrong', () => {
    expect(parseQuantityCell('-3')).toEqual({ error: { code: 'negative', message: 'negative quantity: -3', params: { value: -3 } } });
    expect(parseQuantityCell('十张')).toEqual({ error: { code: 'not_a_number', message: 'not a number: "十张"', params: { value: '十张' } } });
    expect(parseQuantityCell('')).toEqual({ error: { code: 'required', message: 'quantity is required' } });
  });
});

describe('validateImportRows', () => {
  it('parses good rows and numbers them as the spreadsheet does (header = row 1)', () => {
    const rows = validateImportRows([HEAD, ['2026-11-28', '城关镇', '宣传单', '500', '集市发放'], ['2026-11-29', '东街社区', '标语横幅', 3, '']], look());
    expect(rows).toEqual([
      { row: 2, day: '2026-11-28', unit: '城关镇', unitId: 1, category: '宣传单', categoryKey: 'leaflets', quantity: 500, note: '集市发放', errors: [] },
      { row: 3, day: '2026-11-29', unit: '东街社区', unitId: 2, category: '标语横幅', categoryKey: 'banners', quantity: 3, note: null, errors: [] },
    ]);
  });

  it('names every bad cell by row and column as headed in the file', () => {
    const rows = validateImportRows(
      [
        HEAD,
        ['2026-11-28', '西山乡', '宣传单', '5', ''],
        ['2026-11-28', '城关镇', '传单', '5', ''],
        ['2026-11-28', '城关镇', '宣传单', '-5', ''],
        ['2026-11-28', '城关镇', '宣传单', 'abc', ''],
        ['2026-11-30', '城关镇', '宣传单', '5', ''],
        ['2026-11-31', '城关镇', '宣传单', '5', ''],
        ['2026-11-28', '城关镇', '辟谣信息', '5', ''],
      ],
      look(),
    );
    const errs = rows.flatMap((r) => r.errors);
    expect(errs.map((e) => [e.row, e.column])).toEqual([[2, '单位'], [3, '类别'], [4, '数量'], [5, '数量'], [6, '日期'], [7, '日期'], [8, '类别']]);
    expect(errs[0]!.message).toContain('西山乡');
    expect(errs[4]!.message).toContain('future');
    expect(errs[6]!.message).toContain('automatically');
    // The rule and the figures, for the dashboard to word in the reader's language.
    expect(errs.map((e) => [e.code, e.params])).toEqual([
      ['unknown_unit', { value: '西山乡' }],
      ['unknown_category', { value: '传单' }],
      ['negative', { value: -5 }],
      ['not_a_number', { value: 'abc' }],
      ['future_day', { value: '2026-11-30', today: '2026-11-29' }],
      ['not_a_date', { value: '2026-11-31' }],
      ['automatic_category', { value: '辟谣信息' }],
    ]);
  });

  it('flags a duplicate within the file and one identical to a stored entry', () => {
    const rows = validateImportRows(
      [HEAD, ['2026-11-28', '城关镇', '宣传单', '5', 'a'], ['2026/11/28', '城关镇', 'leaflets', '5', 'a'], ['2026-11-27', '城关镇', '宣传单', '5', 'a']],
      look({ exists: (f) => f.day === '2026-11-27' }),
    );
    expect(rows.map((r) => r.errors.map((e) => `${e.row}${e.column}${e.message}`))).toEqual([
      [], ['3*duplicate of row 2'], ['4*identical to an entry already in the ledger'],
    ]);
    expect(rows.flatMap((r) => r.errors.map((e) => [e.code, e.params]))).toEqual([['duplicate_row', { row: 2 }], ['already_in_ledger', undefined]]);
  });

  it('accepts English headers in any order, skips blank lines, and refuses a file without a required column', () => {
    const rows = validateImportRows([['quantity', 'Date', 'unit', 'category'], ['7', '2026-11-01', '城关镇', '宣传单'], ['', '', '', '']], look());
    expect(rows).toHaveLength(1);
    expect(rows[0]!.quantity).toBe(7);
    expect(() => validateImportRows([['日期', '单位', '数量'], ['2026-11-01', '城关镇', '1']], look())).toThrow(ValidationError);
  });

  it('names the rule of a whole-file problem, with its figures', () => {
    const fileError = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return (err as ValidationError).fieldErrors?.[0];
      }
      throw new Error('no error');
    };
    expect(fileError(() => validateImportRows([['日期', '单位', '数量'], ['2026-11-01', '城关镇', '1']], look()))).toMatchObject({
      path: 'content',
      code: 'missing_columns',
      params: { columns: ['日期', '单位', '类别', '数量'] },
    });
    expect(fileError(() => validateImportRows([], look()))).toMatchObject({ code: 'empty_file' });
    expect(fileError(() => validateImportRows([[...HEAD]], look()))).toMatchObject({ code: 'empty_file' });
  });
});

describe('readImportTable', () => {
  it('reads CSV with a BOM and quoted cells', async () => {
    const table = await readImportTable('csv', '\ufeff日期,单位,类别,数量,备注\n2026-11-01,城关镇,宣传单,"1,200","a, b"\n');
    expect(table).toEqual([['日期', '单位', '类别', '数量', '备注'], ['2026-11-01', '城关镇', '宣传单', '1,200', 'a, b']]);
  });
  it('reads the first sheet of an XLSX workbook (base64), dates as dates', async () => {
    const buf = await writeXlsxFile([[...HEAD.map((v) => ({ value: v as string }))], [{ value: new Date(Date.UTC(2026, 10, 2)), format: 'yyyy-mm-dd' }, { value: '城关镇' }, { value: '宣传单' }, { value: 12 }, null]]).toBuffer();
    const table = await readImportTable('xlsx', buf.toString('base64'));
    const rows = validateImportRows(table, look());
    expect(rows).toMatchObject([{ row: 2, day: '2026-11-02', unitId: 1, categoryKey: 'leaflets', quantity: 12, errors: [] }]);
  });
  it('refuses what is not a workbook', async () => {
    await expect(readImportTable('xlsx', Buffer.from('not a zip').toString('base64'))).rejects.toThrow(ValidationError);
    await expect(readImportTable('xlsx', Buffer.from('not a zip').toString('base64'))).rejects.toMatchObject({
      fieldErrors: [{ path: 'content', code: 'unreadable_file', params: { format: 'xlsx' } }],
    });
  });
});
