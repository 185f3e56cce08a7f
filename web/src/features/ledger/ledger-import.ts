import type { ImportErrorCode, ImportFormat, ImportPreviewRow } from '../../api/ledger';

/** The server refuses bodies over 20 MB of text; stop earlier with a clear message. */
export const MAX_IMPORT_CHARS = 20_000_000;

/** CSV or XLSX by the file's name (anything not .xlsx is read as CSV text). */
export function ledgerImportFormat(fileName: string): ImportFormat {
  return /\.xlsx$/i.test(fileName.trim()) ? 'xlsx' : 'csv';
}

/**
 * A CSV file's bytes as text. Excel on Chinese Windows saves CSV in GB18030 (GBK); decoded as UTF-8
 * that yields replacement characters, so then the file is read as GB18030 instead.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  if (!utf8.includes('\uFFFD')) return { text: utf8, encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  } catch {
    // no GB18030 decoder in this browser: the UTF-8 reading is the best there is
    return { text: utf8, encoding: 'utf-8' };
  }
}

/** Bytes → base64, in chunks so a large workbook does not overflow the argument list. */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** A file's bytes → the import body's content: CSV as text, XLSX as base64. */
export function importContent(fileName: string, bytes: Uint8Array): { format: ImportFormat; content: string; encoding: 'utf-8' | 'gb18030' | 'base64' } {
  const format = ledgerImportFormat(fileName);
  if (format === 'xlsx') return { format, content: toBase64(bytes), encoding: 'base64' };
  const { text, encoding } = decodeCsv(bytes);
  return { format, content: text, encoding };
}

/** A row error as the panel lists it: from a preview (always with its rule) or from a refused import. */
export interface RowError {
  row: number;
  column: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

/** The import's own rules (keys ledger.import.error.*); the record makes a new server code a type error here. */
const IMPORT_RULES: Record<ImportErrorCode, true> = {
  required: true, not_a_date: true, future_day: true, unknown_unit: true, unknown_category: true, automatic_category: true,
  not_a_number: true, negative: true, too_long: true, duplicate_row: true, already_in_ledger: true,
};

type Translate = (key: string, named?: Record<string, unknown>) => string;

/**
 * A row error in the reader's language: an import rule by its code and figures, any other rule (a
 * field error of a refused import) by `other`, and the server's English only for a rule unknown here.
 */
export function describeRowError(e: RowError, t: Translate, other: (e: RowError) => string = (x) => x.message): string {
  if (e.code !== undefined && Object.hasOwn(IMPORT_RULES, e.code)) return t(`ledger.import.error.${e.code}`, e.params ?? {});
  return other(e);
}

/** A refused real import names errors "row N.column" (field error paths): back to row errors. */
export function rowErrorsOfPaths<F extends { path: string; message: string; code?: string; params?: Record<string, unknown> }>(fields: F[]): RowError[] {
  const out: RowError[] = [];
  for (const f of fields) {
    const m = /^row (\d+)\.(.*)$/.exec(f.path);
    if (m) out.push({ row: Number(m[1]), column: m[2] ?? '*', message: f.message, ...(f.code ? { code: f.code } : {}), ...(f.params ? { params: f.params } : {}) });
  }
  return out;
}

/** Every error of a preview, by row then column, for the list under the table. */
export function sortedErrors<E extends RowError>(errors: E[]): E[] {
  return [...errors].sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
}

/** Whether a preview row has an error in a column (the server names columns as headed in the file; compared ignoring case). */
export function cellHasError(row: ImportPreviewRow, columns: readonly string[]): boolean {
  return row.errors.some((e) => columns.includes(e.column.trim().toLowerCase()));
}

/** Which preview field each header spelling belongs to. */
export const COLUMN_ALIASES = {
  day: ['日期', 'date'],
  unit: ['单位', 'unit'],
  category: ['类别', 'category'],
  quantity: ['数量', 'quantity'],
  note: ['备注', 'note'],
} as const;

/** Import only when a preview found rows and not one error. */
export const canImport = (r: { rows: number; errors: unknown[] } | null): boolean => !!r && r.rows > 0 && r.errors.length === 0;
