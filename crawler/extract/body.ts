import type { Block, ElementRec, Linearised } from './blocks';
import { isBoilerplateLine, RELATED_HEADING } from './noise';

export interface BodyResult {
  text: string;
  /** The chosen container; null when the page has no text at all. */
  container: ElementRec | null;
  /** Index of the first block that made it into the body (for "near the start" look-ups). */
  firstBlock: number;
}

/** Blocks in a noise element are noise unless body.ts took the flag back (see releaseNoise). */
export function isNoisy(block: Block): boolean {
  for (let e = block.noiseOwner; e; e = e.parent) if (e.noise) return true;
  return false;
}

function linkHeavy(block: Block): boolean {
  return block.linkLen > block.len * 0.5;
}

/**
 * How much a block speaks for its container being the article: prose (punctuated, not links)
 * counts for, menus, link lists, labels and legal lines count against. Choosing the element with
 * the largest sum is a maximum-subtree problem: the article container wins over <body> because it
 * leaves the negatives out, and over a single paragraph because it takes the other paragraphs in.
 */
function prosaicWeight(block: Block): number {
  const own = block.len - block.linkLen;
  if (linkHeavy(block)) return -block.len;
  if (block.lines.every(isBoilerplateLine)) return -block.len;
  if (block.punct === 0) return own < 30 ? -own * 0.5 : own * 0.3;
  return own;
}

function weight(block: Block): number {
  return isNoisy(block) ? -block.len : prosaicWeight(block);
}

/**
 * A class like "share" or a <header> can wrap the whole article on some sites. Such an element
 * keeps its noise flag only while the prose inside it is a small part of the page's prose.
 */
function releaseNoise({ blocks, elements }: Linearised): void {
  let pagePositive = 0;
  for (const b of blocks) pagePositive += Math.max(0, prosaicWeight(b));
  for (const e of elements) {
    if (!e.noise) continue;
    let inside = 0;
    for (let i = e.start; i < e.end; i++) inside += Math.max(0, prosaicWeight(blocks[i]!));
    if (inside >= 200 && inside >= pagePositive * 0.3) e.noise = false;
  }
}

function chooseContainer({ blocks, elements }: Linearised): ElementRec | null {
  const sums = new Map<ElementRec, number>();
  for (const b of blocks) {
    const w = weight(b);
    if (w === 0) continue;
    for (let e: ElementRec | null = b.owner; e; e = e.parent) sums.set(e, (sums.get(e) ?? 0) + w);
  }
  let best: ElementRec | null = null;
  let bestSum = 0;
  // Pre-order: on a tie the later (deeper) element wins, i.e. the tightest wrapper of the same text.
  for (const e of elements) {
    const s = sums.get(e) ?? 0;
    if (s > 0 && s >= bestSum) {
      best = e;
      bestSum = s;
    }
  }
  return best;
}

const META_LINE = /(?:来源|作者|发布|时间|日期|点击|浏览|阅读|编辑|字号|记者|通讯员|稿源|出处)\s*[:：]|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}/;

function isContent(block: Block): boolean {
  return block.punct > 0 && block.len - block.linkLen >= 10;
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * The article text: the best container's blocks minus furniture. Lines before the first real
 * paragraph that only repeat the title or carry the byline/date are left out, since they are
 * returned as fields of their own.
 */
export function extractBody(doc: Linearised, title: string): BodyResult {
  releaseNoise(doc);
  const container = chooseContainer(doc);
  if (!container) return { text: '', container: null, firstBlock: -1 };
  const titleKey = squash(title);
  const out: string[] = [];
  let firstBlock = -1;
  let seenContent = false;
  for (let i = container.start; i < container.end; i++) {
    const b = doc.blocks[i]!;
    if (isNoisy(b) || linkHeavy(b)) continue;
    const joined = b.lines.join(' ');
    if (RELATED_HEADING.test(joined)) continue;
    if (!seenContent && !isContent(b)) {
      const key = squash(joined);
      if (titleKey && (key === titleKey || (b.heading > 0 && titleKey.includes(key)))) continue;
      if (META_LINE.test(joined) && b.len < 150) continue;
    }
    if (isContent(b)) seenContent = true;
    const lines = b.lines.filter((l) => !isBoilerplateLine(l));
    if (lines.length === 0) continue;
    if (firstBlock < 0) firstBlock = i;
    out.push(...lines);
  }
  return { text: out.join('\n'), container, firstBlock };
}
