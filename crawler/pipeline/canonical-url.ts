/**
 * Query parameters that only say how a visitor arrived, never which page it is. Stripping them
 * makes the same article shared from WeChat, Weibo or a newsletter one URL, hence one item.
 */
const TRACKING_EXACT = new Set([
  'spm', 'from', 'share', 'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'igshid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'ref_src', 'scene', 'srcid', 'sharer_sharetime',
  'sharer_shareid', 'share_token', 'share_source', 'share_medium', 'share_from', 'share_plat',
  'share_tag', 'isappinstalled', 'vd_source', 'wfr', 'clicktime', 'enterid', 'chksm',
  'mpshare', 'xtrack', '_wv', 'bd_vid',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmsr', 'hmpl', 'hmcu', 'hmkw', 'hmci'];

export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_EXACT.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

function decodedKey(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * The one spelling of a URL used as the item key: lowercase scheme and host, default port and
 * fragment dropped, tracking parameters removed, the rest sorted. Parameters are kept exactly as
 * written (not re-encoded) so the canonical URL still fetches the same page. Relative links are
 * resolved against `base`. Returns null for anything that is not an http(s) URL.
 */
export function canonicalUrl(href: string, base?: string | URL): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  const query = url.search.replace(/^\?/, '');
  const kept = query
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(decodedKey(pair)))
    .map((pair, index) => ({ pair, key: decodedKey(pair), index }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
    .map((p) => p.pair);
  url.search = kept.length ? `?${kept.join('&')}` : '';
  return url.href;
}
