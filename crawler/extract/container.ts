import type { Block, ElementRec, Linearised } from './blocks';
import { attr } from './dom';
import { lenientWeight, linkHeavy, weight } from './weights';

interface Sums {
  pos: number;
  neg: number;
  blocks: number;
  /** Link-dominated blocks long enough to be an article headline ("热点新闻标题…"). */
  headlines: number;
}

type WeightFn = (block: Block) => number;

/** Posts in a thread share a shape: same tag, same first class. */
function signature(e: ElementRec): string {
  return `${e.tag}.${(attr(e.node, 'class') ?? '').trim().split(/\s+/)[0] ?? ''}`;
}

/** How much of its members' furniture a list of posts is forgiven. */
const REPEAT_FORGIVENESS = 0.7;
/** How much of its members' prose a list of teasers (headline link + summary) keeps. */
const TEASER_KEEPS = 0.2;
const MIN_REPEATS = 3;
const HEADLINE_CHARS = 8;

function isTeaser(s: Sums | undefined): boolean {
  return !!s && s.headlines > 0 && s.blocks <= 3 && s.pos < 150;
}

/**
 * Like-shaped siblings (at least three) change what their parent is worth.
 * - A thread: posts each with a little prose and their own chrome (author, floor, "回复"). Taken
 *   one by one the chrome can outweigh a short reply, so most of it is forgiven.
 * - A teaser list: items of a headline link and a line of summary ("热点新闻", "推荐阅读"). The
 *   summaries are punctuated prose, and ten of them outweigh a short article, so they count little.
 * Menus are lists of like items too, but without prose they gain nothing either way.
 */
function repeatAdjustments(elements: readonly ElementRec[], sums: Map<ElementRec, Sums>): Map<ElementRec, number> {
  const groups = new Map<ElementRec, Map<string, ElementRec[]>>();
  for (const e of elements) {
    if (!e.parent) continue;
    const byShape = groups.get(e.parent) ?? new Map<string, ElementRec[]>();
    const key = signature(e);
    const members = byShape.get(key);
    if (members) members.push(e);
    else byShape.set(key, [e]);
    groups.set(e.parent, byShape);
  }
  const adjustments = new Map<ElementRec, number>();
  for (const [parent, byShape] of groups) {
    let delta = 0;
    for (const members of byShape.values()) {
      if (members.length < MIN_REPEATS) continue;
      const teasers = members.filter((m) => isTeaser(sums.get(m))).length;
      if (teasers >= members.length * 0.6) {
        for (const m of members) delta -= (sums.get(m)?.pos ?? 0) * (1 - TEASER_KEEPS);
        continue;
      }
      const withProse = members.filter((m) => (sums.get(m)?.pos ?? 0) >= 10).length;
      if (withProse < members.length * 0.6) continue;
      for (const m of members) delta -= (sums.get(m)?.neg ?? 0) * REPEAT_FORGIVENESS;
    }
    if (delta !== 0) for (let e: ElementRec | null = parent; e; e = e.parent) adjustments.set(e, (adjustments.get(e) ?? 0) + delta);
  }
  return adjustments;
}

/** How far after the printed title (in blocks) the article may begin: date, source, share bar, lead image. */
const TITLE_REACH = 25;
/** What a container far from the title keeps of its score: a "recommended" article is not the article. */
const FAR_FROM_TITLE = 0.6;

function nearTitle(e: ElementRec, titleIndex: number): boolean {
  return e.end > titleIndex && e.start <= titleIndex + TITLE_REACH;
}

function best({ blocks, elements }: Linearised, titleIndex: number, weigh: WeightFn): ElementRec | null {
  const sums = new Map<ElementRec, Sums>();
  for (const b of blocks) {
    const w = weigh(b);
    const headline = linkHeavy(b) && b.linkLen >= HEADLINE_CHARS ? 1 : 0;
    for (let e: ElementRec | null = b.owner; e; e = e.parent) {
      let s = sums.get(e);
      if (!s) {
        s = { pos: 0, neg: 0, blocks: 0, headlines: 0 };
        sums.set(e, s);
      }
      if (w > 0) s.pos += w;
      else s.neg += w;
      s.blocks++;
      s.headlines += headline;
    }
  }
  const adjustments = repeatAdjustments(elements, sums);
  let chosen: ElementRec | null = null;
  let chosenScore = 0;
  // Pre-order: on a tie the later (deeper) element wins, i.e. the tightest wrapper of the same text.
  for (const e of elements) {
    const s = sums.get(e);
    if (!s) continue;
    let score = s.pos + s.neg + (adjustments.get(e) ?? 0);
    if (titleIndex >= 0 && score > 0 && !nearTitle(e, titleIndex)) score *= FAR_FROM_TITLE;
    if (score > 0 && score >= chosenScore) {
      chosen = e;
      chosenScore = score;
    }
  }
  return chosen ? dominantChild(chosen, elements, sums) : null;
}

/** Share of a container's prose one child must hold to be the article on its own. */
const DOMINANCE = 0.75;
/** Prose the other children must hold before they are cut away as a sidebar. */
const MIN_CUT = 200;

/**
 * A layout row (td + td, main + aside) can win as a whole when the sidebar's prose outweighs its
 * links. When one child holds nearly all the prose and the rest comes from differently shaped
 * siblings (not more posts or paragraphs like it), the child is the article.
 */
function dominantChild(chosen: ElementRec, elements: readonly ElementRec[], sums: Map<ElementRec, Sums>): ElementRec {
  let current = chosen;
  for (;;) {
    const total = sums.get(current)?.pos ?? 0;
    const children = elements.filter((e) => e.parent === current);
    const top = children.reduce<ElementRec | null>((a, b) => ((sums.get(b)?.pos ?? 0) > (a ? sums.get(a)?.pos ?? 0 : -1) ? b : a), null);
    if (!top || total <= 0) return current;
    const topPos = sums.get(top)?.pos ?? 0;
    // Cells of one row are columns, never a run of posts, whatever their shape.
    const column = top.tag === 'td' || top.tag === 'th';
    const alike = column ? 0 : children.filter((c) => c !== top && signature(c) === signature(top)).reduce((n, c) => n + (sums.get(c)?.pos ?? 0), 0);
    // A small remainder costs little to keep and is often the end of the text (a poem, a note).
    if (topPos < total * DOMINANCE || total - topPos < MIN_CUT || alike > 0) return current;
    current = top;
  }
}

/**
 * The element whose blocks weigh most (see weights.ts): a maximum-subtree choice. The article
 * container beats <body> because it leaves the negatives out, and beats a single paragraph
 * because it takes the other paragraphs in. A page without punctuated prose (a poem, a list,
 * a caption) gets a second, lenient pass in which any non-link text counts.
 */
export function chooseContainer(doc: Linearised, titleIndex = -1): ElementRec | null {
  return best(doc, titleIndex, weight) ?? best(doc, titleIndex, lenientWeight);
}

/** Shape of an element for matching posts: tag, classes, id with its numbers blanked (post_123 → post_#). */
function shape(e: ElementRec): string {
  const cls = (attr(e.node, 'class') ?? '').trim().replace(/\s+/g, ' ');
  const id = (attr(e.node, 'id') ?? '').replace(/\d+/g, '#');
  return `${e.tag}.${cls}#${id}`;
}

const MAX_PARALLEL_LEVELS = 12;

/**
 * Forum threads put each post in a like-shaped wrapper (div#post_123, div#post_124, …) and the
 * text in the same place inside each. When the chosen container sits in such a wrapper, the
 * same-placed cells of the sibling wrappers are the other posts. Wrappers must carry a class or
 * an id: bare <tr>/<td> rows repeat in every layout table.
 */
export function parallelCells({ elements }: Linearised, container: ElementRec): ElementRec[] {
  const children = new Map<ElementRec, ElementRec[]>();
  for (const e of elements) {
    if (!e.parent) continue;
    const list = children.get(e.parent) ?? [];
    list.push(e);
    children.set(e.parent, list);
  }
  const path: string[] = [];
  let level = 0;
  for (let a: ElementRec = container; a.parent && level < MAX_PARALLEL_LEVELS; a = a.parent, level++) {
    const key = shape(a);
    const siblings = (children.get(a.parent) ?? []).filter((s) => s !== a && shape(s) === key);
    if (siblings.length > 0 && !/^[a-z0-9]+\.#$/.test(key)) {
      const cells: ElementRec[] = [];
      for (const s of siblings) {
        let cell: ElementRec | undefined = s;
        for (let i = path.length - 1; i >= 0 && cell; i--) cell = children.get(cell)?.find((c) => shape(c) === path[i]);
        if (cell && cell.end > cell.start) cells.push(cell);
      }
      if (cells.length > 0) return cells;
    }
    path.push(key);
  }
  return [];
}
