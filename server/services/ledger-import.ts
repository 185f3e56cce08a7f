import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { MAX_NOTE_CHARS, type ImportFormat, type ImportPreviewRow, type ImportRowError } from '../contracts/ledger';
import { ValidationError } from '../errors';
import { isDayString } from '../lib/time';

/** The template's columns, Chinese first (what the department's sheets use), English accepted too. */
export const IMPORT_COLUMNS = ['日期', '单位', '类别', '数量', '备注'] as const;
type Field = 'day' | 'unit' | 'category' | 'quantity' | 'note';
const ALIASES: Record<string, Field> = {
  日期: 'day', date: 'day', day: 'day',
  单位: 'unit', unit: 'unit',
  类别: 'category', category: 'category',
  数量: 'quantity', quantity: 'quantity',
  备注: 'note', note: 'note',
};
const REQUIRED: Field[] = ['day', 'unit', 'category', 'quantity'];
export const MAX_IMPORT_ROWS = 20_000;
const DAY_MS = 86_400_000;
// Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export type Cell = string | number | boolean | Date | null | undefined;

/** A spreadsheet's cells, header first, whatever the file format. */
export async function readImportTable(format: ImportFormat, content: string): Promise<Cell[][]> {
  if (format === 'csv') {
    try {
      return parse(content, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    } catch (err) {
      throw new ValidationError(`the CSV file cannot be read: ${(err as Error).message}`, [{ path: 'content', message: 'malformed CSV', code: 'unreadable_file', params: { format: 'csv' } }]);
    }
  }
  try {
    return (await readSheet(Buffer.from(content, 'base64'))) as unknown as Cell[][];
  } catch (err) {
    throw new ValidationError(`the XLSX file cannot be read: ${(err as Error).message}`, [
      { path: 'content', message: 'not an XLSX workbook (base64)', code: 'unreadable_file', params: { format: 'xlsx' } },
    ]);
  }
}

/** A date cell → YYYY-MM-DD, or null when it is not a real calendar day. */
export function parseDayCell(v: Cell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    // A date cell Excel kept as a serial number (no date format applied).
    if (!Number.isInteger(v) || v < 1 || v > 2_958_465) return null;
    return new Date(EXCEL_EPOCH_MS + v * DAY_MS).toISOString().slice(0, 10);
  }
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isDayString(day) ? day : null;
}

/** One cell's problem, as an import row error carries it. */
type CellError = Pick<ImportRowError, 'code' | 'message' | 'params'>;

/** A quantity cell → number; "1,200", "1.5万" read as people write them. */
export function parseQuantityCell(v: Cell): { value: number } | { error: CellError } {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return { error: { code: 'required', message: 'quantity is required' } };
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string') {
    const s = v.trim().replace(/[,，\s]/g, '');
    const m = /^([-+]?\d+(?:\.\d+)?)(万)?$/.exec(s);
    if (!m) return { error: { code: 'not_a_number', message: `not a number: "${v}"`, params: { value: v } } };
    n = Number(m[1]) * (m[2] ? 10_000 : 1);
  } else return { error: { code: 'not_a_number', message: 'not a number', params: { value: text(v) } } };
  if (!Number.isFinite(n)) return { error: { code: 'not_a_number', message: 'not a number', params: { value: text(v) } } };
  if (n < 0) return { error: { code: 'negative', message: `negative quantity: ${n}`, params: { value: n } } };
  return { value: n };
}

const text = (v: Cell): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/** What a row must match against: the ledger's names, today, and entries already stored. */
export interface ImportLookups {
  unitId(name: string): number | null;
  category(nameOrKey: string): { key: string; automatic: boolean } | null;
  /** Today in Asia/Shanghai; later days are refused. */
  today: string;
  /** Whether an identical live entry is already stored. */
  exists(figure: Figure): boolean;
}

export interface Figure { day: string; unitId: number; categoryKey: string; quantity: number; note: string | null }

/** Two rows are the same figure when day, unit, category, quantity and note all agree. */
export function duplicateKey(r: Figure): string {
  return [r.day, r.unitId, r.categoryKey, r.quantity, r.note ?? ''].join('\u0001');
}

/** Maps header cells to fields; a missing required column fails the whole file. */
function readHeader(header: Cell[]): { index: Record<Field, number>; title: Record<Field, string> } {
  const index = {} as Record<Field, number>;
  const title = {} as Record<Field, string>;
  header.forEach((cell, i) => {
    const f = ALIASES[text(cell).replace(/^\ufeff/, '').toLowerCase()];
    if (f && index[f] === undefined) {
      index[f] = i;
      title[f] = text(cell);
    }
  });
  const missing = REQUIRED.filter((f) => index[f] === undefined);
  if (missing.length) {
    const want = IMPORT_COLUMNS.slice(0, 4).join(', ');
    throw new ValidationError(`the file lacks column(s) ${missing.join(', ')}; the header row must name ${want}`, [
      { path: 'content', message: `columns must include ${want} (备注 optional)`, code: 'missing_columns', params: { columns: [...IMPORT_COLUMNS.slice(0, 4)] } },
    ]);
  }
  title.note ??= '备注';
  return { index, title };
}

/**
 * Checks every row of an import against the ledger and returns each parsed row with its own errors:
 * the preview shows them all, and a real import refuses the file when any row has one.
 */
export function validateImportRows(table: Cell[][], look: ImportLookups): ImportPreviewRow[] {
  const [header, ...body] = table;
  if (!header) throw new ValidationError('the file is empty', [{ path: 'content', message: 'empty', code: 'empty_file' }]);
  const { index, title } = readHeader(header);
  const seen = new Map<string, number>();
  const out: ImportPreviewRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => text(c) === '')) return;
    const row = i + 2; // the header is row 1
    const errors: ImportRowError[] = [];
    const fail = (f: Field, e: CellError) => errors.push({ row, column: title[f], ...e });
    const cell = (f: Field): Cell => (index[f] === undefined ? undefined : cells[index[f]]);

    const rawDay = cell('day');
    let day = parseDayCell(rawDay);
    if (text(rawDay) === '') fail('day', { code: 'required', message: 'date is required' });
    else if (!day) fail('day', { code: 'not_a_date', message: `not a date (YYYY-MM-DD): "${text(rawDay)}"`, params: { value: text(rawDay) } });
    else if (day > look.today) {
      fail('day', { code: 'future_day', message: `${day} is in the future (today is ${look.today})`, params: { value: day, today: look.today } });
      day = null;
    }
    const unit = text(cell('unit'));
    const unitId = unit ? look.unitId(unit) : null;
    if (!unit) fail('unit', { code: 'required', message: 'unit is required' });
    else if (unitId === null) fail('unit', { code: 'unknown_unit', message: `unknown unit "${unit}"`, params: { value: unit } });
    const category = text(cell('category'));
    const cat = category ? look.category(category) : null;
    if (!category) fail('category', { code: 'required', message: 'category is required' });
    else if (!cat) fail('category', { code: 'unknown_category', message: `unknown category "${category}"`, params: { value: category } });
    else if (cat.automatic) {
      fail('category', { code: 'automatic_category', message: `"${category}" is counted automatically and cannot be imported`, params: { value: category } });
    }
    const q = parseQuantityCell(cell('quantity'));
    if ('error' in q) fail('quantity', q.error);
    const note = text(cell('note')) || null;
    if (note && note.length > MAX_NOTE_CHARS) {
      fail('note', { code: 'too_long', message: `note longer than ${MAX_NOTE_CHARS} characters`, params: { maximum: MAX_NOTE_CHARS } });
    }

    const quantity = 'value' in q ? q.value : null;
    if (!errors.length && day && unitId !== null && cat && quantity !== null) {
      const figure = { day, unitId, categoryKey: cat.key, quantity, note };
      const key = duplicateKey(figure);
      const first = seen.get(key);
      // A duplicate is the whole row, not one cell: column '*'.
      if (first !== undefined) errors.push({ row, column: '*', code: 'duplicate_row', message: `duplicate of row ${first}`, params: { row: first } });
      else if (look.exists(figure)) errors.push({ row, column: '*', code: 'already_in_ledger', message: 'identical to an entry already in the ledger' });
      else seen.set(key, row);
    }
    out.push({ row, day, unit, unitId, category, categoryKey: cat?.key ?? null, quantity, note, errors });
  });
  if (out.length === 0) throw new ValidationError('the file has no data rows', [{ path: 'content', message: 'empty', code: 'empty_file' }]);
  if (out.length > MAX_IMPORT_ROWS) {
    throw new ValidationError(`at most ${MAX_IMPORT_ROWS} rows per import`, [
      { path: 'content', message: 'too many rows', code: 'too_many_rows', params: { maximum: MAX_IMPORT_ROWS } },
    ]);
  }
  return out;
}
