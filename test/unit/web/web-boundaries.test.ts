import { describe, expect, it } from 'vitest';

// Sources as text through Vite (no Node types in the web type-check): path relative to web/src → content.
const PREFIX = '../../../web/src/';
const SOURCES: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob('../../../web/src/**/*.{ts,vue}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>).map(
    ([k, v]) => [k.slice(PREFIX.length), v],
  ),
);
const files = (under = '') => Object.keys(SOURCES).filter((f) => f.startsWith(under));
const read = (f: string) => SOURCES[f]!;

/** Resolves a relative import specifier against the importing file, both relative to web/src. */
function resolve(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of spec.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function importsOf(src: string): string[] {
  return [...src.matchAll(/^\s*import\s+(?:type\s+)?(?:[^'"]*?from\s+)?['"]([^'"]+)['"]/gm), ...src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

/** The dashboard's layout rules (design notes), checked so they survive the next edit. */
describe('dashboard module rules', () => {
  it('reads the sources it checks', () => {
    expect(files().length).toBeGreaterThan(20);
    expect(read('App.vue')).toContain('<template>');
    expect(files('features/').some((f) => f.endsWith('.vue'))).toBe(true);
  });

  it('a feature never imports another feature', () => {
    const bad: string[] = [];
    for (const f of files('features/')) {
      const own = f.split('/')[1];
      for (const spec of importsOf(read(f)).filter((s) => s.startsWith('.'))) {
        const m = /^features\/([^/]+)\//.exec(`${resolve(f, spec)}/`);
        if (m && m[1] !== own) bad.push(`${f} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('only web/src/api calls fetch', () => {
    const callers = files().filter((f) => /\bfetch\(/.test(read(f)) && !f.startsWith('api/'));
    expect(callers).toEqual([]);
  });

  it('shared components make no API calls', () => {
    const bad = files('components/').filter((f) => importsOf(read(f)).some((s) => /\/api\/(resources|client)$/.test(s)));
    expect(bad).toEqual([]);
  });

  it('never renders HTML from data (no v-html, no innerHTML)', () => {
    expect(files().filter((f) => /v-html|innerHTML/.test(read(f)))).toEqual([]);
  });

  it('registers ECharts modules in one place only', () => {
    const users = files().filter((f) => /\buse\(\s*\[/.test(read(f)) && /echarts/.test(read(f)));
    expect(users).toEqual(['charts/setup.ts']);
    const fullImports = files().filter((f) => importsOf(read(f)).includes('echarts'));
    expect(fullImports).toEqual([]);
  });

  it('opens external links without handing over the page or the referrer', () => {
    for (const f of files().filter((x) => x.endsWith('.vue'))) {
      for (const m of read(f).matchAll(/<a\b[^>]*target="_blank"[^>]*>/g)) expect(m[0], f).toMatch(/rel="noopener noreferrer( nofollow)?"/);
    }
  });
});
