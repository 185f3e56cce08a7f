import { XMLParser } from 'fast-xml-parser';
import { NonRetryableError } from '../errors';
import { canonicalUrl } from '../pipeline/canonical-url';
import { collapseInline, htmlToText } from '../pipeline/clean-text';
import { parseDateWithPrecision } from '../pipeline/dates';
import type { ParsedItem } from '../pipeline/build-item';

/** A feed's date with the precision it was written at (RFC 822 dates carry a time; some feeds give only a day). */
function published(text: string): { publishedAt: string | null; publishedPrecision: ParsedItem['publishedPrecision'] } {
  const d = parseDateWithPrecision(text || null);
  return { publishedAt: d?.iso ?? null, publishedPrecision: d?.precision ?? null };
}

type Node = Record<string, unknown>;

const REPEATED = new Set(['item', 'entry', 'link', 'category', 'author', 'dc:creator']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep strings as strings: a title like "2024" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

/** Text of an element whether the parser gave a string, a number or {#text, @_type}. */
function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'object') return textOf((value as Node)['#text']);
  return '';
}

/** Feed fields may carry HTML (escaped or CDATA); items keep only its text. */
function plain(value: unknown): string {
  const raw = textOf(value);
  return raw.includes('<') || raw.includes('&') ? htmlToText(raw) : raw;
}

function asArray(value: unknown): Node[] {
  if (Array.isArray(value)) return value.filter((v): v is Node => typeof v === 'object' && v !== null);
  return typeof value === 'object' && value !== null ? [value as Node] : [];
}

function firstText(node: Node, keys: string[]): string {
  for (const key of keys) {
    const text = plain(node[key]);
    if (text.trim()) return text;
  }
  return '';
}

function rssItem(item: Node, feedUrl: string): ParsedItem | null {
  const guid = item.guid;
  const guidIsLink = typeof guid === 'object' && guid !== null ? (guid as Node)['@_isPermaLink'] !== 'false' : true;
  const href = textOf(item.link) || (guidIsLink ? textOf(guid) : '');
  const url = href ? canonicalUrl(href, feedUrl) : null;
  if (!url) return null;
  return {
    url,
    title: collapseInline(plain(item.title)),
    body: firstText(item, ['content:encoded', 'description', 'summary']),
    ...published(textOf(item.pubDate) || textOf(item['dc:date'])),
    author: collapseInline(plain(item['dc:creator']) || plain(item.author)) || null,
  };
}

/** Atom links: rel="alternate" (or no rel) is the page itself; "self", "edit", "enclosure" are not. */
function atomLink(entry: Node): string {
  const links = asArray(entry.link);
  const chosen = links.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? links[0];
  return chosen ? textOf(chosen['@_href']) : textOf(entry.id);
}

function atomItem(entry: Node, feedUrl: string): ParsedItem | null {
  const href = atomLink(entry);
  const url = href ? canonicalUrl(href, feedUrl) : null;
  if (!url) return null;
  const author = asArray(entry.author).map((a) => textOf(a.name)).find((n) => n.trim());
  return {
    url,
    title: collapseInline(plain(entry.title)),
    body: firstText(entry, ['content', 'summary']),
    ...published(textOf(entry.published) || textOf(entry.updated)),
    author: author ? collapseInline(author) : null,
  };
}

/**
 * An RSS 2.0, RSS 1.0 (RDF) or Atom document → its items, bodies as plain text. Pure: the caller
 * fetched the XML. Items without a usable link are dropped, since the URL is the item's key.
 */
export function parseFeed(xml: string, feedUrl: string): ParsedItem[] {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new NonRetryableError(`feed is not well-formed XML (${(err as Error).message})`, { url: feedUrl, cause: err });
  }
  const rss = doc.rss as Node | undefined;
  const rdf = doc['rdf:RDF'] as Node | undefined;
  const atom = doc.feed as Node | undefined;
  let items: (ParsedItem | null)[];
  if (rss && typeof rss === 'object') {
    items = asArray(asArray(rss.channel)[0]?.item).map((i) => rssItem(i, feedUrl));
  } else if (rdf && typeof rdf === 'object') {
    items = asArray(rdf.item).map((i) => rssItem(i, feedUrl));
  } else if (atom && typeof atom === 'object') {
    items = asArray(atom.entry).map((e) => atomItem(e, feedUrl));
  } else {
    throw new NonRetryableError('layout changed: not an RSS or Atom feed', { url: feedUrl });
  }
  const seen = new Set<string>();
  return items.filter((i): i is ParsedItem => i !== null && !seen.has(i.url) && seen.add(i.url) !== undefined);
}
