import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';

/**
 * Content and claims, never people: the API offers no way to look at authors — no author filter,
 * no author search, no grouping, ranking or listing by author. An item's author handle is kept as
 * provenance on the item itself, and only there.
 */
type Schema = Record<string, any>;
let t: ReturnType<typeof createDbApp>;
let doc: Schema;

beforeAll(async () => {
  t = createDbApp({ sources: [rssSource('forum')], tagger: { tag: () => ({ tags: [], score: 0, reasons: [] }) } });
  doc = (await (await t.app.request('/api/openapi.json')).json()) as Schema;
});
afterAll(() => t.db.close());

const AUTHOR = /author|user(name)?s?$|poster|account|handle|blogger|博主|作者|发帖人/i;

describe('the API and authors', () => {
  it('has no route about authors and no parameter that filters, searches or groups by one', () => {
    const offending: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Schema>)) {
      if (/author/i.test(path)) offending.push(path);
      for (const [method, op] of Object.entries(ops)) {
        for (const p of (op.parameters ?? []) as Schema[]) {
          if (/author/i.test(p.name)) offending.push(`${method.toUpperCase()} ${path} ?${p.name}`);
          // Enumerated choices (by=, sort=) must not offer an author dimension either.
          for (const v of (p.schema?.enum ?? []) as string[]) if (/author/i.test(v)) offending.push(`${method.toUpperCase()} ${path} ?${p.name}=${v}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('names an author only as provenance on an item, never as a list or a count of authors', () => {
    const found: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
      for (const [k, v] of Object.entries(node as Schema)) {
        if (k === 'properties') {
          for (const [prop, s] of Object.entries(v as Schema)) {
            if (AUTHOR.test(prop) && !(prop === 'author' && (s as Schema).type !== 'array')) found.push(`${where}.${prop}`);
            walk(s, `${where}.${prop}`);
          }
        } else walk(v, `${where}.${k}`);
      }
    };
    walk(doc.paths, 'paths');
    walk(doc.components ?? {}, 'components');
    // Accounts of the dashboard's own staff (users, sessions) are not crawled authors.
    expect(found.filter((f) => !/\/(users|auth|tokens)/.test(f))).toEqual([]);
  });

  it('does not search author handles (the database fallback; the search index has no author field at all)', async () => {
    t.ingest.ingest([rawItem({ sourceId: 'forum', title: '小区停水通知', body: '今天下午小区停水三小时', author: '热心网友甲乙丙' })]);
    const search = async (q: string) => ((await (await t.app.request(`/api/items?q=${encodeURIComponent(q)}`)).json()) as Schema).total;
    expect(await search('停水')).toBe(1);
    expect(await search('热心网友甲乙丙')).toBe(0);
  });
});
