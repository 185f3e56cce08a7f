import type { DatePrecision } from '../pipeline/dates';
import { extractAuthor } from './author';
import { linearise } from './blocks';
import { extractBody } from './body';
import { parseHtml } from './dom';
import { collectMeta } from './meta';
import { extractPublished } from './published';
import { extractTitle } from './title';

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
  const doc = linearise(root);
  const title = extractTitle(meta, doc.blocks);
  // Only a sure headline may steer the choice of container (see container.ts).
  const body = extractBody(doc, title.title, title.anchored ? title.blockIndex : -1);
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
