import type { JsonListSource } from '../../server/contracts/source';
import { NonRetryableError } from '../errors';
import type { ParsedItem } from '../pipeline/build-item';
import { canonicalUrl } from '../pipeline/canonical-url';
import { collapseInline, htmlToText } from '../pipeline/clean-text';
import { formatWithOffset, parseDate } from '../pipeline/dates';

/** Entries read from one response; a list endpoint returning more is paginated badly or not a list. */
export const MAX_JSON_ENTRIES = 500;

export interface JsonListOptions {
  /** Called for each entry that cannot become an item (no url, no title), so the caller can count it. */
  onReject?: (reason: string, index: number) => void;
}

/** "data.items", "result.0.list" and "data.list[0].rows" all walk objects and arrays alike. */
export function readPath(value: unknown, path: string): unknown {
  const steps = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
  let current = value;
  for (const step of steps) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(step)) return undefined;
      current = current[Number(step)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, step)) {
      current = (current as Record<string, unknown>)[step];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Strings as given, numbers and booleans spelled out; objects and arrays are not text. */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Bodies often carry the CMS's HTML; items keep only its text. */
function plain(value: unknown): string {
  const raw = scalarText(value);
  return /[<&]/.test(raw) ? htmlToText(raw) : raw;
}

/**
 * Epoch numbers are common in JSON APIs: seconds (10 digits) or milliseconds (13). Anything else
 * goes through the text date parser ("2023-06-04 10:00", ISO 8601, 2023年6月4日).
 */
function publishedAt(value: unknown): string | null {
  const epoch = typeof value === 'number' ? value : typeof value === 'string' && /^\d{10}(\d{3})?$/.test(value.trim()) ? Number(value) : null;
  if (epoch !== null) {
    const ms = epoch > 1e12 ? epoch : epoch * 1_000;
    // 2000-01-01 .. 2100-01-01: a number outside is an id or a counter, not a time.
    return ms >= 946_684_800_000 && ms < 4_102_444_800_000 ? formatWithOffset(ms) : null;
  }
  return parseDate(scalarText(value) || null);
}

/** Some APIs guard JSON against script inclusion with a prefix such as `)]}',`. */
function stripGuard(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/^\s*\)\]\}'?,?\s*/, '');
}

/**
 * A JSON list endpoint → its items. Pure: the caller fetched the text. `list.path` leads to the
 * array (empty: the document is the array), `list.fields` are dot paths inside each entry. URLs
 * resolve against the endpoint; HTML in any field is reduced to text; at most MAX_JSON_ENTRIES
 * entries are read. Entries without a usable url or title are reported through onReject and left
 * out. A document that is not JSON, or a path that does not lead to an array, means the API
 * changed, so it throws.
 */
export function parseJsonList(
  text: string,
  endpointUrl: string,
  source: Pick<JsonListSource, 'list'>,
  opts: JsonListOptions = {},
): ParsedItem[] {
  let doc: unknown;
  try {
    doc = JSON.parse(stripGuard(text));
  } catch (err) {
    throw new NonRetryableError(`layout changed: response is not JSON (${(err as Error).message.slice(0, 120)})`, { url: endpointUrl, cause: err });
  }
  const { path, fields } = source.list;
  const list = readPath(doc, path);
  if (!Array.isArray(list)) {
    const what = list === undefined ? 'nothing' : list === null ? 'null' : typeof list === 'object' ? 'an object' : `a ${typeof list}`;
    throw new NonRetryableError(`layout changed: list.path "${path}" leads to ${what}, not an array`, { url: endpointUrl });
  }

  const items: ParsedItem[] = [];
  const seen = new Set<string>();
  list.slice(0, MAX_JSON_ENTRIES).forEach((entry, index) => {
    const href = scalarText(readPath(entry, fields.url)).trim();
    const url = href ? canonicalUrl(href, endpointUrl) : null;
    if (!url) {
      opts.onReject?.(href ? `entry ${index}: "${fields.url}" is not an http(s) URL: ${href.slice(0, 100)}` : `entry ${index}: no url at "${fields.url}"`, index);
      return;
    }
    const title = collapseInline(plain(readPath(entry, fields.title)));
    if (!title) {
      opts.onReject?.(`entry ${index} (${url}): no title at "${fields.title}"`, index);
      return;
    }
    if (seen.has(url)) return;
    seen.add(url);
    const author = fields.author ? collapseInline(plain(readPath(entry, fields.author))) : '';
    items.push({
      url,
      title,
      body: fields.body ? plain(readPath(entry, fields.body)) : '',
      publishedAt: fields.publishedAt ? publishedAt(readPath(entry, fields.publishedAt)) : null,
      author: author || null,
    });
  });
  return items;
}
