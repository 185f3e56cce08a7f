import type { CrawlRunStats, SourceConfig } from '../contracts/source';
import { ConfigError } from '../config';

export interface CrawlArgs {
  all: boolean;
  sources: string[];
}

const USAGE = 'usage: npm run crawl -- --source ID [--source ID …] | --all';

export function parseCrawlArgs(argv: string[]): CrawlArgs {
  const out: CrawlArgs = { all: false, sources: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--all') out.all = true;
    else if (a === '--source') {
      const id = argv[++i];
      if (!id || id.startsWith('--')) throw new ConfigError(`--source needs a source id\n${USAGE}`);
      out.sources.push(id);
    } else if (a.startsWith('--source=')) out.sources.push(a.slice('--source='.length));
    else throw new ConfigError(`unknown argument "${a}"\n${USAGE}`);
  }
  if (!out.all && out.sources.length === 0) throw new ConfigError(`nothing to crawl\n${USAGE}`);
  if (out.all && out.sources.length) throw new ConfigError(`use either --all or --source\n${USAGE}`);
  return out;
}

/** A plain-text table: one line per source with its counters and last error. */
export function formatSummary(sources: SourceConfig[], results: Map<string, CrawlRunStats>): string {
  const rows = sources.map((s) => {
    const r = results.get(s.id);
    if (!r) return [s.id, 'not run', '', '', '', '', ''];
    const status = r.failed > 0 && r.fetched === 0 ? 'FAILED' : r.failed > 0 ? 'partial' : 'ok';
    return [s.id, status, String(r.fetched), String(r.new), String(r.duplicate), String(r.failed), r.lastError ?? ''];
  });
  const head = ['source', 'status', 'fetched', 'new', 'duplicate', 'failed', 'last error'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const totals = sources.reduce(
    (t, s) => {
      const r = results.get(s.id);
      return r ? { fetched: t.fetched + r.fetched, new: t.new + r.new, duplicate: t.duplicate + r.duplicate, failed: t.failed + r.failed } : t;
    },
    { fetched: 0, new: 0, duplicate: 0, failed: 0 },
  );
  return [line(head), ...rows.map(line), `total: ${totals.fetched} fetched, ${totals.new} new, ${totals.duplicate} duplicate, ${totals.failed} failed`].join('\n');
}
