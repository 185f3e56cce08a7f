/**
 * Chart option → table rows, for saving a chart's data as CSV or XLSX. Pure: reads the option the
 * builders made (category axis + one column per series, or a pie's name/value pairs).
 */

export type Cell = string | number | null;
export interface ChartTable {
  columns: string[];
  rows: Cell[][];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** A data point as a cell: 3, {value: 3}, [x, 3] → 3; missing → null. */
function cellOf(v: unknown): Cell {
  if (v === null || v === undefined || v === '-') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return cellOf(v[v.length - 1]);
  if (isObj(v)) return cellOf(v.value);
  return String(v);
}

function categoryAxis(option: Obj): { data: unknown[]; name: string } | null {
  for (const key of ['xAxis', 'yAxis']) {
    const axis = asList(option[key]).find((a) => isObj(a) && a.type === 'category' && Array.isArray(a.data));
    if (isObj(axis)) return { data: axis.data as unknown[], name: typeof axis.name === 'string' ? axis.name : '' };
  }
  return null;
}

export interface TableLabels {
  /** Header of the first column of a time/category chart ("时间"). */
  category: string;
  /** Header of a pie's name column ("类别") and value column ("数量"). */
  name: string;
  value: string;
}

export function chartToTable(option: unknown, labels: TableLabels): ChartTable {
  if (!isObj(option)) return { columns: [], rows: [] };
  const series = asList(option.series).filter(isObj);
  const pie = series.find((s) => s.type === 'pie');
  if (pie) {
    const rows = asList(pie.data)
      .filter(isObj)
      .map((d): Cell[] => [typeof d.name === 'string' ? d.name : String(d.name ?? ''), cellOf(d.value)]);
    return { columns: [labels.name, labels.value], rows };
  }
  const axis = categoryAxis(option);
  if (!axis) return { columns: [], rows: [] };
  const columns = [axis.name || labels.category, ...series.map((s, i) => (typeof s.name === 'string' && s.name ? s.name : `#${i + 1}`))];
  const rows = axis.data.map((cat, i): Cell[] => [
    isObj(cat) ? String(cat.value ?? '') : String(cat ?? ''),
    ...series.map((s) => cellOf(asList(s.data)[i])),
  ]);
  return { columns, rows };
}

/** Cells a spreadsheet would run as a formula are prefixed with ' (crawled titles are untrusted). */
function safeText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
}

function csvCell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return String(c);
  const s = safeText(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 BOM + CRLF lines: Excel opens it with the Chinese text intact. */
export function tableToCsv(table: ChartTable): string {
  const lines = [table.columns, ...table.rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** For XLSX: the same cells, text made safe the same way. */
export function tableForSheet(table: ChartTable): Cell[][] {
  return [table.columns, ...table.rows].map((r) => r.map((c) => (typeof c === 'string' ? safeText(c) : c)));
}

/** "声量趋势-20261129.png": the chart's name with the Asia/Shanghai day, characters files cannot hold removed. */
export function exportFileName(title: string, day: string, ext: 'png' | 'csv' | 'xlsx'): string {
  const base = title.replace(/[\\/:*?"<>|\r\n\t]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60) || 'chart';
  return `${base}-${day.replace(/-/g, '')}.${ext}`;
}
