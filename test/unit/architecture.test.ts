import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function filesUnder(dir: string, ext = /\.(ts|vue)$/): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Import specifiers of a file, with whether each import is type-only. */
function importsOf(file: string): { spec: string; typeOnly: boolean }[] {
  const src = fs.readFileSync(file, 'utf8');
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (const m of src.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) out.push({ spec: m[2]!, typeOnly: !!m[1] });
  for (const m of src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push({ spec: m[1]!, typeOnly: false });
  for (const m of src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1]!, typeOnly: false });
  return out;
}

function violations(dir: string, rule: (spec: string, typeOnly: boolean, file: string) => boolean): string[] {
  const bad: string[] = [];
  for (const f of filesUnder(dir)) {
    for (const { spec, typeOnly } of importsOf(f)) if (rule(spec, typeOnly, f)) bad.push(`${path.relative(ROOT, f)} → ${spec}`);
  }
  return bad;
}

// Arrows point one way: routes → services → repositories → drivers; contracts are shared by all.
describe('module boundaries', () => {
  it('only repositories import the database and search drivers', () => {
    const drivers = /^(better-sqlite3|meilisearch)$/;
    const bad = ['server/routes', 'server/services', 'server/http', 'server/tagging', 'server/nlp', 'crawler'].flatMap((d) =>
      violations(d, (spec, typeOnly) => drivers.test(spec) && !typeOnly),
    );
    expect(bad).toEqual([]);
  });

  it('services import neither hono nor routes', () => {
    expect(violations('server/services', (spec) => /^hono|^@hono|\/routes\//.test(spec))).toEqual([]);
  });

  it('routes never reach past services into repositories at runtime', () => {
    expect(violations('server/routes', (spec, typeOnly) => /\/repositories\//.test(spec) && !typeOnly)).toEqual([]);
  });

  it('tagging and nlp stay pure: no I/O modules', () => {
    const io = /^(node:)?(fs|net|http|https|child_process)$|^undici$|^hono/;
    expect(['server/tagging', 'server/nlp'].flatMap((d) => violations(d, (spec) => io.test(spec)))).toEqual([]);
  });

  it('the dashboard imports server code for types only, and only the contracts', () => {
    const bad = violations('web/src', (spec, typeOnly) => /(^|\/)server\//.test(spec) && (!typeOnly || !/server\/contracts\//.test(spec)));
    expect(bad).toEqual([]);
  });

  it('the crawler never imports server internals beyond the contracts', () => {
    const bad = violations('crawler', (spec) => /(^|\/)server\//.test(spec) && !/server\/contracts\//.test(spec));
    expect(bad).toEqual([]);
  });

  it('only config.ts files read process.env', () => {
    const readers = [...filesUnder('server'), ...filesUnder('crawler')].filter((f) => /process\.env\b/.test(fs.readFileSync(f, 'utf8')));
    const allowed = readers.filter((f) => !/(^|\/)(config|env)\.ts$/.test(f) && !f.endsWith('server/main.ts'));
    expect(allowed.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});
