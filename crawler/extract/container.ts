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
 * What like-shaped siblings change: `inside` for an element, from the groups it contains; `own`
 * for a member of a group, as a piece of its parent's total (see segmentOf).
 */
interface Adjustments {
  inside: Map<ElementRec, number>;
  own: Map<ElementRec, number>;
}

/**
 * Like-shaped siblings (at least three) change what their parent is worth.
 * - A thread: posts each with a little prose and their own chrome (author, floor, "回复"). Taken
 *   one by one the chrome can outweigh a short reply, so most of it is forgiven.
 * - A teaser list: items of a headline link and a line of summary ("热点新闻", "推荐阅读"). The
 *   summaries are punctuated prose, and ten of them outweigh a short article, so they count little.
 * Menus are lists of like items too, but without prose they gain nothing either way.
 */
function repeatAdjustments(elements: readonly ElementRec[], sums: Map<ElementRec, Sums>): Adjustments {
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
  const inside = new Map<ElementRec, number>();
  const own = new Map<ElementRec, number>();
  for (const [parent, byShape] of groups) {
    let delta = 0;
    for (const members of byShape.values()) {
      if (members.length < MIN_REPEATS) continue;
      const teasers = members.filter((m) => isTeaser(sums.get(m))).length;
      if (teasers >= members.length * 0.6) {
        for (const m of members) {
          const d = -(sums.get(m)?.pos ?? 0) * (1 - TEASER_KEEPS);
          own.set(m, d);
          delta += d;
        }
        continue;
      }
      const withProse = members.filter((m) => (sums.get(m)?.pos ?? 0) >= 10).length;
      if (withProse < members.length * 0.6) continue;
      for (const m of members) {
        const d = -(sums.get(m)?.neg ?? 0) * REPEAT_FORGIVENESS;
        own.set(m, d);
        delta += d;
      }
    }
    if (delta !== 0) for (let e: ElementRec | null = parent; e; e = e.parent) inside.set(e, (inside.get(e) ?? 0) + delta);
  }
  return { inside, own };
}

/** How much a run of an element's children must beat the whole element to be chosen instead. */
const SEGMENT_GAIN = 30;
/** Most prose a segment may leave out, as a share of what it keeps. */
const MAX_DROPPED_PROSE = 0.25;

/**
 * Old table layouts (and some templates) put the paragraphs straight into a big cell that also
 * holds link lists, ads and the next story's teaser: every element around the text then scores
 * low, and a disclaimer box can win. Within each element, the best contiguous run of its children
 * (child elements and its own text blocks, each weighed as a whole) is a candidate too: a
 * maximum-sum segment, as in body-text extraction by token runs, but over DOM units. The run
 * stands for its element (same tag, node and parent) with a narrower block range.
 */
function segmentOf(
  e: ElementRec,
  units: readonly Unit[],
  full: number,
): { rec: ElementRec; score: number; keptPos: number } | null {
  if (units.length < 2) return null;
  let bestSum = -Infinity;
  let bestFrom = 0;
  let bestTo = 0;
  let sum = 0;
  let from = 0;
  for (let i = 0; i < units.length; i++) {
    if (sum <= 0) {
      sum = 0;
      from = i;
    }
    sum += units[i]!.score;
    if (sum > bestSum) {
      bestSum = sum;
      bestFrom = from;
      bestTo = i;
    }
  }
  if (bestFrom === 0 && bestTo === units.length - 1) return null;
  if (bestSum < full + SEGMENT_GAIN) return null;
  let keptPos = 0;
  let droppedPos = 0;
  units.forEach((u, i) => {
    if (i >= bestFrom && i <= bestTo) keptPos += u.pos;
    else droppedPos += u.pos;
  });
  // Only furniture may be cut away: prose outside the run means the element is the article with
  // some weak parts (a wiki's tables, a thread's short replies), not an article among link lists.
  if (droppedPos > keptPos * MAX_DROPPED_PROSE) return null;
  const rec: ElementRec = { ...e, start: units[bestFrom]!.start, end: units[bestTo]!.end };
  return { rec, score: bestSum, keptPos };
}

interface Unit {
  start: number;
  end: number;
  score: number;
  /** Its prose alone (positive block weights). */
  pos: number;
}

/** How far after the printed title (in blocks) the article may begin: date, source, share bar, lead image. */
const TITLE_REACH = 25;
/** What a container far from the title keeps of its score: a "recommended" article is not the article. */
const FAR_FROM_TITLE = 0.6;

function nearTitle(e: ElementRec, titleIndex: number): boolean {
  return e.end > titleIndex && e.start <= titleIndex + TITLE_REACH;
}

function best({ blocks, elements }: Linearised, titleIndex: number, weigh: WeightFn): { rec: ElementRec; score: number } | null {
  const sums = new Map<ElementRec, Sums>();
  const weights = blocks.map(weigh);
  for (const b of blocks) {
    const w = weights[b.index]!;
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
  const total = (e: ElementRec): number => {
    const s = sums.get(e);
    return s ? s.pos + s.neg + (adjustments.inside.get(e) ?? 0) : 0;
  };
  // Each element's children and own blocks, in document order, as units of a segment.
  const units = new Map<ElementRec, Unit[]>();
  const unitsOf = (e: ElementRec): Unit[] => {
    let list = units.get(e);
    if (!list) units.set(e, (list = []));
    return list;
  };
  for (const e of elements) {
    if (e.parent && e.end > e.start) unitsOf(e.parent).push({ start: e.start, end: e.end, score: total(e) + (adjustments.own.get(e) ?? 0), pos: sums.get(e)?.pos ?? 0 });
  }
  for (const b of blocks) unitsOf(b.owner).push({ start: b.index, end: b.index + 1, score: weights[b.index]!, pos: Math.max(0, weights[b.index]!) });
  for (const list of units.values()) list.sort((a, b) => a.start - b.start);

  let chosen: ElementRec | null = null;
  let chosenScore = 0;
  const consider = (e: ElementRec, raw: number): void => {
    let score = raw;
    if (titleIndex >= 0 && score > 0 && !nearTitle(e, titleIndex)) score *= FAR_FROM_TITLE;
    if (score > 0 && score >= chosenScore) {
      chosen = e;
      chosenScore = score;
    }
  };
  // Pre-order: on a tie the later (deeper) element wins, i.e. the tightest wrapper of the same text.
  for (const e of elements) {
    if (!sums.has(e)) continue;
    const full = total(e);
    consider(e, full);
    const segment = segmentOf(e, units.get(e) ?? [], full);
    if (segment) {
      // Recorded like an element, so that dominantChild can look inside it.
      sums.set(segment.rec, { pos: segment.keptPos, neg: segment.score - segment.keptPos, blocks: segment.rec.end - segment.rec.start, headlines: 0 });
      consider(segment.rec, segment.score);
    }
  }
  return chosen ? { rec: dominantChild(chosen, elements, sums), score: chosenScore } : null;
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
    // A segment (see segmentOf) is a copy of its element: its children are the ones in its range.
    const children = elements.filter((e) => e.parent !== null && (e.parent === current || e.parent.node === current.node) && e.start >= current.start && e.end <= current.end && e !== current);
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
 * The element whose blocks weigh most (see weights.ts): a maximum-subtree choice, or the best run
 * of an element's children when link lists share the element with the text (segmentOf). The
 * article container beats <body> because it leaves the negatives out, and beats a single
 * paragraph because it takes the other paragraphs in. A page without punctuated prose (a poem, a
 * list, a caption) gets a second, lenient pass in which any non-link text counts; so does a page
 * whose punctuated prose is a mere sentence or two, when the lenient pass finds far more text
 * (a post of code and short steps beside a comment form's notice).
 */
export function chooseContainer(doc: Linearised, titleIndex = -1): ElementRec | null {
  const strict = best(doc, titleIndex, weight);
  if (strict && strict.score >= WEAK_PROSE) return strict.rec;
  const lenient = best(doc, titleIndex, lenientWeight);
  if (!strict) return lenient?.rec ?? null;
  return lenient && lenient.score >= LENIENT_FACTOR * strict.score + LENIENT_MARGIN ? lenient.rec : strict.rec;
}

/**
 * Below this much punctuated prose, the strict choice may be a stray sentence (a comment form's
 * notice) next to an article written without Chinese punctuation: code, a list of steps, a poem.
 */
const WEAK_PROSE = 100;
/** How much more text the lenient choice must hold to replace a weak strict one: twice, and some. */
const LENIENT_FACTOR = 2;
const LENIENT_MARGIN = 50;

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
    const siblings = (children.get(a.parent) ?? []).filter((s) => s.node !== a.node && shape(s) === key);
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
