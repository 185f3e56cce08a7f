import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/api/client';
import { defaultLedgerView, isDay, ledgerFromQuery, ledgerToQuery, monthStart } from '../../../web/src/features/ledger/ledger-query';
import { entryErrorsOf, loadRememberedUnit, parseQuantity, rememberUnit, typedCategories, unitLabel } from '../../../web/src/features/ledger/entry-form';
import {
  canImport, cellHasError, decodeCsv, describeRowError, importContent, ledgerImportFormat, rowErrorsOfPaths, sortedErrors, toBase64,
} from '../../../web/src/features/ledger/ledger-import';
import { zhCN } from '../../../web/src/i18n/zh-CN';
import { en } from '../../../web/src/i18n/en';
import { ImportErrorCode, type ImportRowError } from '../../../server/contracts/ledger';
import { basisLinks, hasRecords, isRecordsLink, recordTarget } from '../../../web/src/features/ledger/ledger-totals';

const TODAY = '2026-11-29';

describe('ledger view in the URL', () => {
  it('defaults to today, no unit, this month, the whole district', () => {
    expect(ledgerFromQuery({}, TODAY)).toEqual({ day: TODAY, unit: null, from: '2026-11-01', to: TODAY, scope: null });
    expect(defaultLedgerView('2026-01-01').from).toBe('2026-01-01');
    expect(monthStart('2026-02-17')).toBe('2026-02-01');
  });

  it('reads day, unit, period and scope, distrusting odd values', () => {
    expect(ledgerFromQuery({ day: '2026-11-02', unit: '7', from: '2026-10-01', to: '2026-10-31', scope: '3' }, TODAY)).toEqual({
      day: '2026-11-02',
      unit: 7,
      from: '2026-10-01',
      to: '2026-10-31',
      scope: 3,
    });
    expect(ledgerFromQuery({ day: '2026-12-01' }, TODAY).day).toBe(TODAY); // future
    expect(ledgerFromQuery({ day: '2026-02-30' }, TODAY).day).toBe(TODAY); // no such day
    expect(ledgerFromQuery({ day: ['2026-11-03', '2026-11-04'] }, TODAY).day).toBe('2026-11-03');
    expect(ledgerFromQuery({ unit: '-1', scope: 'abc' }, TODAY)).toMatchObject({ unit: null, scope: null });
    expect(ledgerFromQuery({ from: '2026-11-20', to: '2026-11-10' }, TODAY)).toMatchObject({ from: '2026-11-10', to: '2026-11-20' });
  });

  it('writes only what differs from the default view, and round-trips', () => {
    expect(ledgerToQuery(defaultLedgerView(TODAY), TODAY)).toEqual({});
    const v = { day: '2026-11-02', unit: 7, from: '2026-10-01', to: '2026-10-31', scope: 3 };
    const q = ledgerToQuery(v, TODAY);
    expect(q).toEqual({ day: '2026-11-02', unit: '7', from: '2026-10-01', to: '2026-10-31', scope: '3' });
    expect(ledgerFromQuery(q as Record<string, string>, TODAY)).toEqual(v);
  });

  it('checks calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-1-1')).toBe(false);
  });
});

describe('quick entry form', () => {
  it('places 422 field errors next to the fields they name', () => {
    const err = new ApiError(422, 'validation_failed', 'bad', [
      { path: 'quantity', message: 'must be ≥ 0' },
      { path: 'day', message: 'in the future' },
      { path: 'categoryKey', message: 'counted automatically' },
      { path: 'libraryId', message: 'no such rumour' },
      { path: 'colour', message: 'unknown' },
    ]);
    // The topic and rumour selects are fields of the form now, so their errors sit next to them.
    expect(entryErrorsOf(err)).toEqual({
      quantity: 'must be ≥ 0',
      day: 'in the future',
      categoryKey: 'counted automatically',
      libraryId: 'no such rumour',
      form: 'unknown',
    });
    const two = new ApiError(422, 'validation_failed', 'bad', [
      { path: 'note', message: 'a' },
      { path: 'note', message: 'b' },
    ]);
    expect(entryErrorsOf(two)).toEqual({ note: 'a；b' });
  });

  it('leaves other failures to the general message', () => {
    expect(entryErrorsOf(new ApiError(404, 'not_found', 'gone'))).toBeNull();
    expect(entryErrorsOf(new ApiError(422, 'validation_failed', 'no fields'))).toBeNull();
    expect(entryErrorsOf(new Error('x'))).toBeNull();
  });

  it('parses typed quantities', () => {
    expect(parseQuantity('12')).toBe(12);
    expect(parseQuantity(' 1,200 ')).toBe(1200);
    expect(parseQuantity('3.5')).toBe(3.5);
    expect(parseQuantity('0')).toBe(0);
    expect(parseQuantity('-1')).toBeNull();
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('12块')).toBeNull();
    expect(parseQuantity('1e3')).toBeNull();
  });

  it('indents units by depth and offers only typed categories', () => {
    expect(unitLabel({ name: '城关镇', depth: 0 })).toBe('城关镇');
    expect(unitLabel({ name: '东门社区', depth: 2 })).toBe('\u3000\u3000东门社区');
    const cats = [
      { key: 'b', name: 'B', measure: '条', automatic: false, sortOrder: 2 },
      { key: 'auto', name: 'A', measure: '条', automatic: true, sortOrder: 0 },
      { key: 'a', name: 'A', measure: '块', automatic: false, sortOrder: 1 },
    ];
    expect(typedCategories(cats).map((c) => c.key)).toEqual(['a', 'b']);
  });

  it('remembers the unit on this device', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadRememberedUnit(storage)).toBeNull();
    rememberUnit(5, storage);
    expect(loadRememberedUnit(storage)).toBe(5);
    store.set('yuqing.ledger.unit', 'junk');
    expect(loadRememberedUnit(storage)).toBeNull();
    expect(loadRememberedUnit(null)).toBeNull();
  });
});

describe('import file reading', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('chooses the format by file name', () => {
    expect(ledgerImportFormat('台账.XLSX')).toBe('xlsx');
    expect(ledgerImportFormat('ledger.csv')).toBe('csv');
    expect(ledgerImportFormat('noext')).toBe('csv');
  });

  it('reads UTF-8 CSV as UTF-8 (BOM dropped)', () => {
    const r = decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('日期,单位\n')]));
    expect(r).toEqual({ text: '日期,单位\n', encoding: 'utf-8' });
  });

  it('falls back to GB18030 when UTF-8 yields replacement characters', () => {
    // "日期,单位" as Excel on Chinese Windows saves it (GBK).
    const gbk = new Uint8Array([0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xb5, 0xa5, 0xce, 0xbb]);
    expect(decodeCsv(gbk)).toEqual({ text: '日期,单位', encoding: 'gb18030' });
  });

  it('encodes bytes as base64, large files included', () => {
    expect(toBase64(utf8('Man'))).toBe('TWFu');
    expect(toBase64(new Uint8Array([]))).toBe('');
    expect(toBase64(new Uint8Array([0xff, 0x00, 0x10]))).toBe('/wAQ');
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    const b64 = toBase64(big);
    const back = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    expect(back).toEqual(big);
  });

  it('builds the request content: CSV text, XLSX base64', () => {
    expect(importContent('a.csv', utf8('x'))).toEqual({ format: 'csv', content: 'x', encoding: 'utf-8' });
    expect(importContent('a.xlsx', utf8('Man'))).toEqual({ format: 'xlsx', content: 'TWFu', encoding: 'base64' });
  });
});

describe('import preview', () => {
  const row = (errors: ImportRowError[]) => ({
    row: 2, day: null, unit: 'x', unitId: null, category: 'y', categoryKey: null, quantity: null, note: null, errors,
  });

  it('marks cells by the column the server names, in either header language', () => {
    const r = row([{ row: 2, column: 'Quantity', message: 'not a number', code: 'not_a_number' }]);
    expect(cellHasError(r, ['数量', 'quantity'])).toBe(true);
    expect(cellHasError(r, ['单位', 'unit'])).toBe(false);
    expect(cellHasError(row([{ row: 2, column: '*', message: 'dup', code: 'duplicate_row' }]), ['*'])).toBe(true);
  });

  it('lists errors by row then column and reads refused-import paths back', () => {
    const errs = [
      { row: 5, column: '数量', message: 'a' },
      { row: 2, column: '单位', message: 'b' },
      { row: 2, column: '*', message: 'c' },
    ];
    expect(sortedErrors(errs).map((e) => `${e.row}${e.column}`)).toEqual(['2*', '2单位', '5数量']);
    expect(rowErrorsOfPaths([{ path: 'row 3.数量', message: 'negative' }, { path: 'content', message: 'x' }])).toEqual([{ row: 3, column: '数量', message: 'negative' }]);
    expect(rowErrorsOfPaths([{ path: 'row 4.*', message: 'duplicate of row 2', code: 'duplicate_row', params: { row: 2 } }])).toEqual([
      { row: 4, column: '*', message: 'duplicate of row 2', code: 'duplicate_row', params: { row: 2 } },
    ]);
  });

  it('words an import rule in the reader’s language, another rule by the given wording, an unknown one as the server said', () => {
    const zh = (key: string, named?: Record<string, unknown>) => {
      const texts: Record<string, string> = zhCN.ledger.import.error as Record<string, string>;
      const code = key.replace('ledger.import.error.', '');
      return (texts[code] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(named?.[k]));
    };
    expect(describeRowError({ row: 3, column: '日期', message: 'x', code: 'future_day', params: { value: '2026-12-01', today: '2026-11-29' } }, zh)).toBe(
      '2026-12-01 是未来的日期（今天是 2026-11-29）',
    );
    expect(describeRowError({ row: 3, column: '单位', message: 'x', code: 'unknown_unit', params: { value: '西山乡' } }, zh)).toContain('西山乡');
    expect(describeRowError({ row: 3, column: '*', message: 'x', code: 'already_in_ledger' }, zh)).toBe('台账里已有一条完全相同的记录');
    expect(describeRowError({ row: 3, column: '备注', message: 'too long', code: 'too_big' }, zh, () => '太长')).toBe('太长');
    expect(describeRowError({ row: 3, column: '备注', message: 'Too big', code: 'toString' }, zh)).toBe('Too big');
    // Every rule the server names has words in both languages.
    for (const code of ImportErrorCode.options) {
      expect((zhCN.ledger.import.error as Record<string, string>)[code]).toBeTruthy();
      expect((en.ledger.import.error as Record<string, string>)[code]).toBeTruthy();
    }
  });

  it('allows import only for a preview with rows and no errors', () => {
    expect(canImport(null)).toBe(false);
    expect(canImport({ rows: 0, errors: [] })).toBe(false);
    expect(canImport({ rows: 3, errors: [{}] })).toBe(false);
    expect(canImport({ rows: 3, errors: [] })).toBe(true);
  });
});

describe('automatic figures', () => {
  it('links item queries to the search page and rebuttals to the library', () => {
    expect(basisLinks(null)).toEqual([]);
    expect(
      basisLinks({ kind: 'items', ids: [1], truncated: false, links: ['/api/items?source=%E5%8C%BA%E8%9E%8D%E5%AA%92&from=2026-11-01&to=2026-11-29', '/elsewhere'] }),
    ).toEqual([{ to: '/search?source=%E5%8C%BA%E8%9E%8D%E5%AA%92&from=2026-11-01&to=2026-11-29', label: '区融媒' }]);
    expect(basisLinks({ kind: 'rebuttals', ids: [4, 5], truncated: false, links: [] })).toEqual([{ to: '/library', label: '' }]);
    expect(basisLinks({ kind: 'rebuttals', ids: [], truncated: false, links: [] })).toEqual([]);
  });
  it('never turns the records API (every figure’s first link) into an item search; keeps the per-source links', () => {
    const records = '/api/ledger/totals/own-media-news/records?from=2026-11-01&to=2026-11-29';
    const links = basisLinks({
      kind: 'items',
      ids: [1, 2],
      truncated: false,
      links: [records, '/api/items?source=qh-news&from=2026-11-01&to=2026-11-29', '/api/items?source=qh-wx&from=2026-11-01&to=2026-11-29'],
    });
    expect(links).toEqual([
      { to: '/search?source=qh-news&from=2026-11-01&to=2026-11-29', label: 'qh-news' },
      { to: '/search?source=qh-wx&from=2026-11-01&to=2026-11-29', label: 'qh-wx' },
    ]);
    expect(links.some((l) => l.to.includes('records') || l.to.includes('/api/'))).toBe(false);
    // higher-media: the records link alone gives no item link (the 明细 toggle lists them).
    expect(basisLinks({ kind: 'items', ids: [3], truncated: false, links: ['/api/ledger/totals/higher-media/records?from=2026-11-01&to=2026-11-29'] })).toEqual([]);
    expect(basisLinks({ kind: 'rebuttals', ids: [4], truncated: false, links: ['/api/ledger/totals/rebuttals/records?from=2026-11-01&to=2026-11-29'] })).toEqual([{ to: '/library', label: '' }]);
    expect(isRecordsLink(records)).toBe(true);
    expect(isRecordsLink('/api/items?source=x')).toBe(false);
    expect(hasRecords({ kind: 'items', ids: [], truncated: false, links: [records] })).toBe(true);
    expect(hasRecords({ kind: 'items', ids: [], truncated: false, links: ['/api/items?source=x'] })).toBe(false);
    expect(hasRecords(null)).toBe(false);
    expect(recordTarget('items', 12)).toBe('/items/12');
    expect(recordTarget('rebuttals', 12)).toBe('/library');
  });
});
