import type { Block, ElementRec, Linearised } from './blocks';
import { chooseContainer, parallelCells } from './container';
import { DISCLAIMER_HEADING, DISCLAIMER_TERMS, isBoilerplateLine, isMetadataLine, isPlatformNotice, RELATED_HEADING } from './noise';
import { isNoisy, linkHeavy, prosaicWeight, releaseNoise } from './weights';

export interface BodyResult {
  text: string;
  /** The chosen container; null when the page has no text at all. */
  container: ElementRec | null;
  /** Index of the first block that made it into the body (for "near the start" look-ups). */
  firstBlock: number;
}

/** A byline/date line under the title: labelled, or a bare date without sentence punctuation. */
const META_LABEL = /(?:来源|作者|发布|时间|日期|点击|浏览|阅读|编辑|字号|记者|通讯员|稿源|出处)\s*[:：]/;
const BARE_DATE = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}/;
/** "光明日报记者 王建宏 张文攀", "本报通讯员 李明": a byline without a colon. */
const REPORTER_LINE = /^[^，。！？；]{0,20}(?:记者|通讯员|特约撰稿人|实习生)\s*[\p{Script=Han}·]{2,4}(?:[\s、，,]+(?:(?:记者|通讯员|实习生)\s*)?[\p{Script=Han}·]{2,4})*$/u;
/** A column or series tag on a line of its own: "【新春走基层】", "[独家]". */
const COLUMN_TAG = /^[【\[［][^】\]］]{2,12}[】\]］]$/;

function isMetaLine(block: Block, text: string): boolean {
  if (block.len < 40 && block.punct === 0 && (REPORTER_LINE.test(text) || COLUMN_TAG.test(text))) return true;
  return block.len < 150 && (META_LABEL.test(text) || (block.punct === 0 && BARE_DATE.test(text)));
}

/** Prose this long outside any comment section makes the page an article with comments, not a thread. */
const ARTICLE_PROSE = 200;

function inComment(block: Block): boolean {
  for (let e: ElementRec | null = block.owner; e; e = e.parent) if (e.comment) return true;
  return false;
}

function ownProse(doc: Linearised, container: ElementRec): number {
  let prose = 0;
  for (let i = container.start; i < container.end; i++) {
    const b = doc.blocks[i]!;
    if (!inComment(b) && !isNoisy(b)) prose += Math.max(0, prosaicWeight(b));
  }
  return prose;
}

/** The first real paragraph: before it, title and byline lines are dropped. */
function isParagraph(block: Block): boolean {
  return block.punct >= 2 && block.len - block.linkLen >= 30;
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Bullets and separators left behind once the links next to them are gone ("·", "|", "--"). */
const NO_WORDS = /^[^\p{L}\p{N}]*$/u;

/**
 * The article text: the best container's blocks minus furniture. Lines before the first real
 * paragraph that only repeat the title or carry the byline/date are left out, since they are
 * returned as fields of their own. After a "相关阅读" heading, lines with links are other articles.
 * Settles the noise flags of `doc` (releaseNoise) as a side effect; later steps read them.
 */
export function extractBody(doc: Linearised, title: string, titleIndex: number): BodyResult {
  releaseNoise(doc, titleIndex);
  const container = chooseContainer(doc, titleIndex);
  if (!container) return { text: '', container: null, firstBlock: -1 };
  const skipComments = ownProse(doc, container) >= ARTICLE_PROSE;
  const titleKey = squash(title);
  const out: string[] = [];
  let firstBlock = -1;
  let inHead = true;
  let inRelated = false;
  let inDisclaimer = false;
  const indexes = [container, ...parallelCells(doc, container)]
    .sort((a, b) => a.start - b.start)
    .flatMap((e) => Array.from({ length: e.end - e.start }, (_, k) => e.start + k));
  for (const i of indexes) {
    const b = doc.blocks[i]!;
    if (isNoisy(b) || linkHeavy(b) || (skipComments && inComment(b))) continue;
    const joined = b.lines.join(' ');
    if (RELATED_HEADING.test(joined)) {
      inRelated = true;
      continue;
    }
    if (inRelated && b.linkLen > 0) continue;
    if (DISCLAIMER_HEADING.test(joined)) {
      inDisclaimer = true;
      continue;
    }
    if (inDisclaimer && DISCLAIMER_TERMS.test(joined)) continue;
    inDisclaimer = false;
    if (inHead || b.heading > 0) {
      // The headline itself, even when long and punctuated enough to pass for a paragraph.
      const key = squash(joined);
      if (titleKey && (key === titleKey || (key.length >= 4 && titleKey.includes(key)))) continue;
    }
    if (isParagraph(b)) inHead = false;
    else if (inHead && isMetaLine(b, joined)) continue;
    if (b.len - b.linkLen >= 30) inRelated = false;
    const lines = b.lines.filter((l, k) => !b.linkLines[k] && !isBoilerplateLine(l) && !NO_WORDS.test(l) && !isMetadataLine(l) && !isPlatformNotice(l));
    if (lines.length === 0) continue;
    if (firstBlock < 0) firstBlock = i;
    out.push(...lines);
  }
  return { text: out.join('\n'), container, firstBlock };
}
