import { attr, collapse, type DomNode } from './dom';
import { MAX_NODES } from './blocks';

/** What a page says about itself outside its visible text. */
export interface PageMeta {
  /** <title>, whitespace collapsed. */
  title: string;
  /** <meta name|property|itemprop|http-equiv> → contents, keys lower-cased, in page order. */
  metas: Map<string, string[]>;
  /** datetime attributes of <time> elements (and of itemprop="datePublished" elements). */
  times: string[];
}

function textOf(node: DomNode): string {
  let out = '';
  for (const child of node.children ?? []) {
    if (child.type === 'text') out += child.data ?? '';
    else out += textOf(child);
  }
  return out;
}

/** One pass collecting <title>, <meta> and <time>; bounded like linearise. */
export function collectMeta(root: DomNode): PageMeta {
  const meta: PageMeta = { title: '', metas: new Map(), times: [] };
  let visited = 0;
  const stack: DomNode[] = [root];
  while (stack.length > 0 && visited++ < MAX_NODES) {
    const node = stack.pop()!;
    if (node.type === 'tag') {
      const name = node.name;
      if (name === 'title' && !meta.title) meta.title = collapse(textOf(node));
      else if (name === 'meta') {
        const key = attr(node, 'property') ?? attr(node, 'name') ?? attr(node, 'itemprop') ?? attr(node, 'http-equiv');
        const content = attr(node, 'content');
        if (key && content) {
          const k = key.trim().toLowerCase();
          const list = meta.metas.get(k) ?? [];
          list.push(collapse(content));
          meta.metas.set(k, list);
        }
      } else if (name === 'time' || attr(node, 'itemprop')?.toLowerCase() === 'datepublished') {
        const value = attr(node, 'datetime') ?? attr(node, 'content');
        if (value) meta.times.push(value);
      }
    }
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return meta;
}

export function firstMeta(meta: PageMeta, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = meta.metas.get(key)?.find((v) => v.length > 0);
    if (value) return value;
  }
  return null;
}
