import type { ImportFormat, ImportPreviewRow, ImportRowError } from '../../api/ledger';

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

/**
 * A refused real import names errors "row N.column" (field error paths): back to row errors, each
 * worded by `word` (the server's message by default).
 */
export function rowErrorsOfPaths<F extends { path: string; message: string }>(fields: F[], word: (f: F) => string = (f) => f.message): ImportRowError[] {
  const out: ImportRowError[] = [];
  for (const f of fields) {
    const m = /^row (\d+)\.(.*)$/.exec(f.path);
    if (m) out.push({ row: Number(m[1]), column: m[2] ?? '*', message: word(f) });
  }
  return out;
}

/** Every error of a preview, by row then column, for the list under the table. */
export function sortedErrors(errors: ImportRowError[]): ImportRowError[] {
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
