import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import { assessText, mayBeGarbled } from './mojibake';

export type CharsetSource = 'forced' | 'bom' | 'header' | 'meta' | 'sniffed' | 'default' | 'repaired';

export interface Decoded {
  text: string;
  /** The charset actually used to decode, normalised (e.g. "gb18030" for a page declaring gb2312). */
  charset: string;
  /** Why that charset was chosen: handy when a site lies about its encoding. */
  source: CharsetSource;
  /** What the page declared, when it differs from what was used. */
  declared: string | null;
  /** Set when the text is garbled in every candidate charset: the signs found, for the error message. */
  mojibake: string | null;
}

/** Browsers look for <meta charset> only in the first 1024 bytes; 2 KB tolerates long <head> preambles. */
const PRESCAN_BYTES = 2_048;

/**
 * GBK and GB2312 are subsets of GB18030, and real Chinese sites routinely declare the smaller set
 * while using characters only the larger one has; decoding as GB18030 never loses text.
 */
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  ms936: 'gb18030',
  'gb_2312-80': 'gb18030',
  csgb2312: 'gb18030',
  chinese: 'gb18030',
  euccn: 'gb18030',
  'euc-cn': 'gb18030',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  // iconv-lite's big5 is Big5-HKSCS, which is what the WHATWG standard decodes every Big5 label as.
  'x-big5': 'big5',
  'x-x-big5': 'big5',
  'cn-big5': 'big5',
  csbig5: 'big5',
  'big5-hkscs': 'big5',
  big5hkscs: 'big5',
  cp950: 'big5',
  'windows-950': 'big5',
  // Per the WHATWG Encoding standard, "latin1" on the web really means windows-1252.
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
};

/** A label as declared by a page → the name we decode with, or null when iconv-lite has no such codec. */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!clean) return null;
  const name = ALIASES[clean] ?? clean;
  return iconv.encodingExists(name) ? name : null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return m?.[1] ?? null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** <meta charset>, <meta http-equiv content="...charset=...">, or <?xml encoding?> near the top. */
export function charsetFromMarkup(bytes: Uint8Array): string | null {
  // latin1 maps every byte to one char, so ASCII markup is readable whatever the real encoding is.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  const metas = head.match(/<meta\b[^>]*>/gi) ?? [];
  for (const meta of metas) {
    const direct = /\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(meta);
    if (direct?.[1]) return direct[1];
  }
  return null;
}

/**
 * True when the bytes are well-formed UTF-8 and contain at least one multibyte sequence: pure ASCII
 * proves nothing, but a long run of valid multibyte UTF-8 is practically never GBK by accident.
 */
export function looksLikeUtf8(bytes: Uint8Array): boolean {
  let multibyte = false;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] ?? 0) >= 0x80) {
      multibyte = true;
      break;
    }
  }
  // Validates without building the string a fatal TextDecoder would (and then throw away).
  return multibyte && isUtf8(bytes);
}

/** What a Chinese page is written in when its declaration is wrong, most likely first. */
const CANDIDATES = ['utf-8', 'gb18030', 'big5'] as const;

type FirstGuess = Omit<Decoded, 'mojibake'>;

/**
 * The declared charset, by the rules browsers use. Order: a charset forced by the source config →
 * BOM → Content-Type header → markup declaration → UTF-8. A declared legacy charset loses to byte
 * sniffing when the bytes are valid multibyte UTF-8, because templates copied between sites keep
 * stale <meta charset="gb2312"> lines long after the site moved to UTF-8.
 */
function firstGuess(bytes: Uint8Array, opts: { contentType?: string | null; forced?: string | null }): FirstGuess {
  const forced = normaliseCharset(opts.forced);
  if (forced) return { text: stripBom(decodeAs(bytes, forced)), charset: forced, source: 'forced', declared: null };

  const bom = bomCharset(bytes);
  if (bom) return { text: decodeAs(bytes.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom', declared: null };

  const headerLabel = charsetFromContentType(opts.contentType);
  const markupLabel = headerLabel ? null : charsetFromMarkup(bytes);
  const label = headerLabel ?? markupLabel;
  const declared = normaliseCharset(label);
  const source: CharsetSource = headerLabel ? 'header' : 'meta';

  if (declared && declared !== 'utf-8') {
    if (looksLikeUtf8(bytes)) return { text: utf8(bytes), charset: 'utf-8', source: 'sniffed', declared };
    return { text: decodeAs(bytes, declared), charset: declared, source, declared: null };
  }
  if (declared === 'utf-8') return { text: utf8(bytes), charset: 'utf-8', source, declared: null };
  return { text: utf8(bytes), charset: 'utf-8', source: 'default', declared: label ?? null };
}

/**
 * Turns response bytes into text: the declared charset first (see firstGuess), then a check for
 * mojibake. Garbled text is decoded again as UTF-8, GB18030 and Big5 and the cleanest clean result
 * wins ("repaired"), since a page whose <meta> lies is common and its bytes are usually fine. When
 * none is clean, `mojibake` says why, and the caller must not pass the text on. A charset forced
 * by the source config is never second-guessed, only checked.
 */
export function decodeBody(
  bytes: Uint8Array,
  opts: { contentType?: string | null; forced?: string | null; checkMojibake?: boolean } = {},
): Decoded {
  const first = firstGuess(bytes, opts);
  if (opts.checkMojibake === false || !mayBeGarbled(first.text)) return { ...first, mojibake: null };
  const firstCheck = assessText(first.text);
  if (!firstCheck.garbled) return { ...first, mojibake: null };
  if (first.source !== 'forced') {
    const declared = first.declared ?? (first.source === 'default' ? null : first.charset);
    let best: { text: string; charset: string; score: number } | null = null;
    for (const charset of CANDIDATES) {
      if (charset === first.charset) continue;
      const text = stripBom(decodeAs(bytes, charset));
      const check = assessText(text, { strict: true });
      if (!check.garbled && (!best || check.score < best.score)) best = { text, charset, score: check.score };
    }
    if (best) return { text: best.text, charset: best.charset, source: 'repaired', declared, mojibake: null };
  }
  const tried = first.source === 'forced' ? first.charset : CANDIDATES.join(', ');
  return { ...first, mojibake: `${firstCheck.signs.join(', ')} (tried ${tried})` };
}

function decodeAs(bytes: Uint8Array, charset: string): string {
  if (charset === 'utf-8') return utf8(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), charset);
}

const UTF8 = new TextDecoder('utf-8');

function utf8(bytes: Uint8Array): string {
  return UTF8.decode(bytes);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
