import type { DatePrecision } from '../pipeline/dates';
import { extractAuthor } from './author';
import { linearise, type Linearised } from './blocks';
import { extractBody, type BodyResult } from './body';
import { parseHtml } from './dom';
import { collectMeta, type PageMeta } from './meta';
import { extractPublished } from './published';
import { extractTitle, type TitleResult } from './title';

export interface ExtractedArticle {
  title: string;
  /** ISO 8601 in +08:00, the first instant the printed time allows; null when none was found. */
  publishedAt: string | null;
  publishedPrecision: DatePrecision | null;
  /** 作者 / 来源 / the source outlet, as printed. */
  author: string | null;
  /** Plain text, one paragraph per line. Never markup. */
  body: string;
}

export interface ExtractOptions {
  /** Reference time for relative dates ("3小时前"); defaults to the current time. */
  now?: Date;
}

/** A body shorter than this (non-space characters) may be an article hidden until a script runs. */
const SHORT_BODY = 200;
/** Hidden text worth a second look, and how much longer the revealed body must be. */
const REVEAL_HIDDEN_MIN = 100;

const visibleLength = (text: string): number => text.replace(/\s+/g, '').length;

function readBody(doc: Linearised, meta: PageMeta): { doc: Linearised; title: TitleResult; body: BodyResult } {
  const title = extractTitle(meta, doc.blocks);
  // Only a sure headline may steer the choice of container (see container.ts).
  const body = extractBody(doc, title.title, title.anchored ? title.blockIndex : -1);
  return { doc, title, body };
}

/** Bounds on what a page can hand back, whatever it contains. */
const MAX_TITLE_CHARS = 300;
const MAX_BODY_CHARS = 200_000;

/**
 * A generic article extractor for Chinese news, government and forum pages of unknown layout: no
 * selectors, only structure and text statistics (see body.ts for how the container is chosen).
 * Everything crawled is hostile input, so only text leaves this function, and its size is bounded.
 */
export function extractArticle(html: string, url: string, opts: ExtractOptions = {}): ExtractedArticle {
  const now = opts.now ?? new Date();
  const root = parseHtml(html);
  const meta = collectMeta(root);
  let { doc, title, body } = readBody(linearise(root), meta);
  // A page that shows no article but hides text with inline styles (shown by a script in the
  // browser): read it again with that text shown, and keep that reading if its body is far longer.
  if (doc.styleHidden >= REVEAL_HIDDEN_MIN && visibleLength(body.text) < SHORT_BODY) {
    const revealed = readBody(linearise(root, { revealStyled: true }), meta);
    if (visibleLength(revealed.body.text) >= 2 * visibleLength(body.text) + REVEAL_HIDDEN_MIN) ({ doc, title, body } = revealed);
  }
  const bodyEnd = body.container ? body.container.end : -1;
  const published = extractPublished({ meta, blocks: doc.blocks, titleIndex: title.blockIndex, bodyStart: body.firstBlock, url, now });
  const author = extractAuthor({ meta, blocks: doc.blocks, bylines: doc.bylines, titleIndex: title.blockIndex, bodyStart: body.firstBlock, bodyEnd });
  return {
    title: title.title.slice(0, MAX_TITLE_CHARS),
    publishedAt: published?.iso ?? null,
    publishedPrecision: published?.precision ?? null,
    author,
    body: body.text.slice(0, MAX_BODY_CHARS),
  };
}
