import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { LibraryImportRow } from '../contracts/library';
import { fieldErrorOf, ValidationError, type FieldError } from '../errors';

export const LIBRARY_CSV_COLUMNS = ['claim', 'category', 'unit', 'rebuttalText', 'firstSeenAt'] as const;
const MAX_ROWS = 100_000;

/** Empty CSV cells mean "not given", not an empty string. */
function blankToUndefined(row: Record<string, string>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.trim() === '' ? undefined : v]));
}

function readRows(format: 'json' | 'csv', content: string): { rows: unknown[]; firstLine: number } {
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch (err) {
      throw new ValidationError(`the file is not valid JSON: ${(err as Error).message}`, [{ path: 'content', message: 'not valid JSON', code: 'unreadable_file', params: { format: 'json' } }]);
    }
    if (!Array.isArray(data)) throw new ValidationError('a JSON import is an array of entries', [{ path: 'content', message: 'expected an array', code: 'not_a_list' }]);
    return { rows: data, firstLine: 0 };
  }
  let records: Record<string, string>[];
  try {
    records = parse(content, { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (err) {
    throw new ValidationError(`the CSV file cannot be read: ${(err as Error).message}`, [{ path: 'content', message: 'malformed CSV', code: 'unreadable_file', params: { format: 'csv' } }]);
  }
  const header = Object.keys(records[0] ?? {});
  const unknown = header.filter((h) => !(LIBRARY_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) {
    throw new ValidationError(`unknown CSV column(s): ${unknown.join(', ')}`, [
      { path: 'content', message: `columns must be among ${LIBRARY_CSV_COLUMNS.join(', ')}`, code: 'unknown_columns', params: { columns: unknown, allowed: [...LIBRARY_CSV_COLUMNS] } },
    ]);
  }
  // Line 1 is the header, so data row i is on line i + 2.
  return { rows: records.map(blankToUndefined), firstLine: 2 };
}

/**
 * Parses a library import and validates every row; any error fails the whole import, each one named
 * by row (JSON index or CSV line) and field, so the user fixes the file once.
 */
export function parseLibraryImport(format: 'json' | 'csv', content: string): LibraryImportRow[] {
  const { rows, firstLine } = readRows(format, content);
  if (rows.length === 0) throw new ValidationError('the file has no entries', [{ path: 'content', message: 'empty', code: 'empty_file' }]);
  if (rows.length > MAX_ROWS) {
    throw new ValidationError(`at most ${MAX_ROWS} entries per import`, [
      { path: 'content', message: 'too many rows', code: 'too_many_rows', params: { maximum: MAX_ROWS } },
    ]);
  }
  const out: LibraryImportRow[] = [];
  const errors: FieldError[] = [];
  rows.forEach((raw, i) => {
    const parsed = LibraryImportRow.safeParse(raw);
    const where = format === 'json' ? `[${i}]` : `line ${i + firstLine}`;
    if (parsed.success) out.push(parsed.data);
    // With the rule's code and figures, so the dashboard can word each in the reader's language.
    else for (const issue of parsed.error.issues) errors.push({ ...fieldErrorOf(issue, ''), path: `${where}.${issue.path.join('.')}` });
  });
  if (errors.length) throw new ValidationError(`${errors.length} error(s) in the import; nothing was imported`, errors.slice(0, 200));
  return out;
}

export function toCsv(rows: Record<(typeof LIBRARY_CSV_COLUMNS)[number], string | null>[]): string {
  // A BOM lets Excel (which the department opens CSV files with) read the Chinese correctly.
  return `\ufeff${stringify(rows, { header: true, columns: [...LIBRARY_CSV_COLUMNS] })}`;
}
