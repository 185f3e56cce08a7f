import { parseArgs } from 'node:util';
import { ConfigError } from '../config';
import { isDayString } from '../lib/time';

export interface ReportArgs {
  from: string;
  to: string;
  unitId: number | null;
  out: string;
  /** Also write the print view (HTML) here. */
  html: string | null;
}

const USAGE = 'usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--unit ID] --out FILE.docx [--html FILE.html]';

/** The report command's arguments, each problem named with the usage line. */
export function parseReportArgs(argv: string[]): ReportArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, to: { type: 'string' }, unit: { type: 'string' }, out: { type: 'string' }, html: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | undefined> });
  } catch (err) {
    throw new ConfigError(`${(err as Error).message}\n${USAGE}`);
  }
  for (const key of ['from', 'to', 'out'] as const) if (!values[key]) throw new ConfigError(`--${key} is required\n${USAGE}`);
  for (const key of ['from', 'to'] as const) {
    if (!isDayString(values[key]!)) throw new ConfigError(`--${key} ${values[key]} is not a calendar day (YYYY-MM-DD)\n${USAGE}`);
  }
  if (!values.out!.toLowerCase().endsWith('.docx')) throw new ConfigError(`--out must name a .docx file\n${USAGE}`);
  let unitId: number | null = null;
  if (values.unit !== undefined) {
    unitId = Number(values.unit);
    if (!Number.isInteger(unitId) || unitId <= 0) throw new ConfigError(`--unit ${values.unit} is not a unit id\n${USAGE}`);
  }
  return { from: values.from!, to: values.to!, unitId, out: values.out!, html: values.html ?? null };
}
