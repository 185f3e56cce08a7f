import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import { tableForSheet, type ChartTable } from './chart-table';

/** The table as an .xlsx workbook: one sheet, the header row bold and kept in view. */
export async function tableToXlsx(table: ChartTable, sheet: string): Promise<Blob> {
  const [head = [], ...body] = tableForSheet(table);
  const data: SheetData = [head.map((v) => ({ value: v === null ? '' : String(v), fontWeight: 'bold' as const })), ...body.map((r) => r.map((v) => (v === null ? null : v)))];
  // Excel refuses sheet names over 31 characters or with []:*?/\
  const name = sheet.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet1';
  return writeXlsxFile(data, { sheet: name, stickyRowsCount: 1 }).toBlob();
}
