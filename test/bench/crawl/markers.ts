/**
 * The decoding check both crawlers share. Every article carries a marker phrase of Chinese
 * characters unique to it; a page decoded with the wrong charset loses it (GBK read as UTF-8 turns
 * into U+FFFD, UTF-8 read as GBK into unrelated hanzi), while ASCII digits would survive either way.
 */
const DIGITS = '零一二三四五六七八九';

export function markerFor(id: number): string {
  return `核验码〔${[...String(id)].map((d) => DIGITS[Number(d)]).join('')}〕`;
}

/** Articles live at /xwzx/YYYYMM/tYYYYMMDD_<id>.html, as on a TRS-style government CMS. */
export function articleIdFromUrl(url: string): number | null {
  const m = /_(\d+)\.html(?:[?#].*)?$/.exec(url);
  return m?.[1] ? Number(m[1]) : null;
}

/** Byte sequences that only appear when a page was decoded with the wrong charset. */
const MOJIBAKE = /\uFFFD|锟斤拷|Ã.|â€|å[\u0080-\u00bf]/;

export function isDecodedCorrectly(id: number, title: string, body: string): boolean {
  return body.includes(markerFor(id)) && !MOJIBAKE.test(body) && !MOJIBAKE.test(title) && title.trim() !== '';
}
