import type { Block } from './blocks';
import { firstMeta, type PageMeta } from './meta';
import { bigramF1, removeWhitespace } from './score';

export interface TitleResult {
  title: string;
  /** The heading block the title was read from or matched, for looking around it; -1 if none. */
  blockIndex: number;
  /**
   * Whether that block is surely the printed headline (a heading, or a line that is exactly a title
   * of some length), rather than the first place the words occur (a logo, a breadcrumb).
   */
  anchored: boolean;
}

/** Separators between a title and the site/channel names sites add: "标题_新闻_XX网", "XX » 标题". */
const SEPARATORS = /\s*[_|｜»«]\s*|\s+[-–—>]+\s+|\s*(?:--|——|－－|-{1,2}>|&gt;)\s*/;
/**
 * "标题-新华网", "标题-搜狐财经": a hyphen without spaces only counts before a short name-like tail
 * (no digits, no punctuation), so "2019-2020年度" and "1-2月" stay whole.
 */
const HYPHEN_SITE = /^(.{6,}?)\s*[-–—－<]\s*(?:[^-–—－<\d\s，。！？、：；,.!?:;“”"]{2,8}|[^-–—－<]{1,20}(?:网|站|报|政府|门户|频道|中心|论坛|社区|在线|新闻|日报|晚报|时报|电视台))$/;
/** Parts of a <title> that name a site or a channel rather than the page. */
const SITE_LIKE = /(?:网|网站|站|门户|频道|论坛|社区|博客|百科全书|新闻中心|官网|官方网站|\.com|\.cn|\.net|\.org)$|^(?:首页|新闻|资讯|正文)$/i;

/** <title> minus the site and channel names around it. */
export function stripSiteSuffix(docTitle: string): string {
  const parts = docTitle.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return docTitle.trim();
  const named = parts.filter((p) => !SITE_LIKE.test(p));
  const pool = named.length > 0 ? named : parts;
  let head = pool[0]!;
  // "栏目 | 真正的标题": a short first part next to a much longer one is a column name.
  const longest = pool.reduce((a, b) => (removeWhitespace(b).length > removeWhitespace(a).length ? b : a));
  if (removeWhitespace(head).length < 8 && removeWhitespace(longest).length >= 2 * removeWhitespace(head).length) head = longest;
  for (let i = 0; i < 3; i++) {
    const cut = HYPHEN_SITE.exec(head)?.[1]?.trim();
    if (!cut) break;
    head = cut;
  }
  return head;
}

const META_TITLE_KEYS = ['og:title', 'twitter:title', 'articletitle', 'title', 'headline', 'dc.title'];
const MAX_TITLE = 200;

interface Candidate {
  text: string;
  blockIndex: number;
  /** Headings are where the page prints its title; meta titles are often the <title> again. */
  bonus: number;
}

function headingCandidates(blocks: readonly Block[]): Candidate[] {
  const out: Candidate[] = [];
  for (const b of blocks) {
    if (b.heading === 0 || b.heading > 3 || (b.linkLen > b.len * 0.8 && b.heading > 1)) continue;
    const text = b.lines.join(' ');
    if (text.length <= MAX_TITLE) out.push({ text, blockIndex: b.index, bonus: b.heading === 1 ? 0.05 : 0 });
    if (out.length >= 12) break;
  }
  return out;
}

/**
 * The heading or meta title that best matches <title> (whose site suffix is cut off first); the
 * cut <title> itself when nothing matches well. A heading wins a close call: it is printed for
 * readers and <title> is sometimes shortened.
 */
export function extractTitle(meta: PageMeta, blocks: readonly Block[]): TitleResult {
  const stripped = stripSiteSuffix(meta.title);
  const candidates = headingCandidates(blocks);
  const metaTitle = firstMeta(meta, META_TITLE_KEYS);
  if (metaTitle && metaTitle.length <= MAX_TITLE) candidates.push({ text: stripSiteSuffix(metaTitle), blockIndex: -1, bonus: 0 });

  if (stripped) {
    const docKey = removeWhitespace(meta.title);
    let best: Candidate | null = null;
    let bestScore = 0;
    for (const c of candidates) {
      const key = removeWhitespace(c.text);
      if (key.length < 2) continue;
      let sim = bigramF1(c.text, stripped);
      if (docKey.includes(key) && key.length >= removeWhitespace(stripped).length * 0.6) sim = Math.max(sim, 0.9);
      const s = sim + c.bonus;
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    if (best && bestScore >= 0.5) return located(blocks, best.text, best.blockIndex);
    return located(blocks, stripped, -1);
  }
  const fallback = candidates.find((c) => c.blockIndex >= 0 && removeWhitespace(c.text).length >= 4) ?? candidates[0];
  return fallback ? located(blocks, fallback.text, fallback.blockIndex) : { title: '', blockIndex: -1, anchored: false };
}

function located(blocks: readonly Block[], title: string, blockIndex: number): TitleResult {
  const index = blockIndex >= 0 ? blockIndex : findBlock(blocks, title);
  const block = index >= 0 ? blocks[index] : undefined;
  const key = removeWhitespace(title);
  const anchored = !!block && (block.heading > 0 || (key.length >= 6 && removeWhitespace(block.lines.join('')) === key));
  return { title, blockIndex: index, anchored };
}

/** The first short block that is the title (or contains it), so dates can be looked for around it. */
function findBlock(blocks: readonly Block[], title: string): number {
  const key = removeWhitespace(title);
  if (key.length < 4) return -1;
  for (const b of blocks) {
    if (b.len > key.length * 2 + 20 || b.linkLen > b.len / 2) continue;
    if (removeWhitespace(b.lines.join('')).includes(key)) return b.index;
  }
  return -1;
}
