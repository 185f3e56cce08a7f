import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import type { LedgerCategory, LedgerUnit } from '../contracts/ledger';
import { IMPORT_COLUMNS } from './ledger-import';

export interface TemplateFile { body: Buffer | string; contentType: string; filename: string }

/**
 * The import template: the header row the importer reads. The XLSX one also lists the valid unit
 * and category names on sheets of their own (the importer reads only the first sheet), so a
 * reporter can copy a name instead of guessing it.
 */
export async function importTemplate(format: 'csv' | 'xlsx', units: LedgerUnit[], categories: LedgerCategory[]): Promise<TemplateFile> {
  if (format === 'csv') {
    // A BOM lets Excel, which the department opens CSV files with, read the Chinese header.
    return { body: `\ufeff${stringify([[...IMPORT_COLUMNS]])}`, contentType: 'text/csv; charset=utf-8', filename: 'ledger-template.csv' };
  }
  const bold = (v: string) => ({ value: v, fontWeight: 'bold' as const });
  const typed = categories.filter((c) => !c.automatic);
  const body = await writeXlsxFile([
    { sheet: '台账', data: [IMPORT_COLUMNS.map(bold)], stickyRowsCount: 1 },
    { sheet: '单位', data: [[bold('单位')], ...units.map((u) => [`${u.name}`])] },
    { sheet: '类别', data: [[bold('类别'), bold('计量单位')], ...typed.map((c) => [c.name, c.measure])] },
  ]).toBuffer();
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: 'ledger-template.xlsx',
  };
}
