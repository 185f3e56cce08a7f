import { attr, BLOCK_TAGS, cleanChars, collapse, isSkipped, type DomNode } from './dom';
import { isCommentName, isNoiseName, NOISE_TAGS } from './noise';

/** A block-level element, with the range of blocks it contains (blocks are in document order). */
export interface ElementRec {
  tag: string;
  parent: ElementRec | null;
  node: DomNode;
  /** Named or tagged like page furniture (nav, footer, "share", …); see noise.ts. */
  noise: boolean;
  /** Named like a comment section. */
  comment: boolean;
  start: number;
  end: number;
}

/** A run of text between two block boundaries: a paragraph, a cell, a heading, a menu item. */
export interface Block {
  index: number;
  /** Lines as <br> broke them, whitespace collapsed, none empty. */
  lines: string[];
  /** Per line: mostly link text (a menu row inside a <br>-separated cell). */
  linkLines: boolean[];
  /** Non-whitespace characters, those inside links, Chinese sentence punctuation. */
  len: number;
  linkLen: number;
  punct: number;
  /** The innermost block-level element holding the text. */
  owner: ElementRec;
  /** 1–6 for text inside <h1>…<h6>, else 0. */
  heading: number;
  /** Innermost enclosing element flagged as noise, if any. */
  noiseOwner: ElementRec | null;
}

/** Text of a short element named like a byline (class/id "author", "source", …), with its block. */
export interface NamedByline {
  /** Index of the block the text belongs to. */
  index: number;
  text: string;
}

export interface Linearised {
  blocks: Block[];
  elements: ElementRec[];
  bylines: NamedByline[];
  /** Non-whitespace characters (counted up to a cap) left out because an inline style hid them. */
  styleHidden: number;
}

/** class/id words CMSs give the byline element: <span class="source">新华网</span>. */
const BYLINE_NAME = /(?:^|[\s_-])(?:author|byline|writer|source|laiyuan|zuozhe)(?:$|[\s_-])/i;
const MAX_BYLINE_CHARS = 40;

/** Bounds the walk on pathological pages (hundreds of thousands of nodes, absurd nesting). */
export const MAX_NODES = 200_000;
const MAX_DEPTH = 600;

const MAX_LINK_TEXT = 300;
const BARE_URL = /^\s*(?:https?:\/\/|www\.)[^\s\u4e00-\u9fff]{4,}\s*$/i;
/** Counting hidden text stops here: enough to tell a hidden article from a hidden menu. */
const MAX_HIDDEN_COUNT = 5_000;

/** Non-whitespace characters under a node, counting stops once past `cap`. */
function textSize(node: DomNode, cap: number): number {
  let size = 0;
  const stack: DomNode[] = [node];
  while (stack.length > 0 && size <= cap) {
    const n = stack.pop()!;
    if (n.type === 'text') size += nonSpaceLength(n.data ?? '');
    else if (n.children) for (const c of n.children) stack.push(c);
  }
  return size;
}

function textOf(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** Marks that end a clause in Chinese prose; menus and labels rarely have them. */
const PUNCT = /[，。！？；、,;!?]/g;

function countPunct(text: string): number {
  return text.match(PUNCT)?.length ?? 0;
}

function nonSpaceLength(text: string): number {
  return text.replace(/\s+/g, '').length;
}

/**
 * Flattens a document into text blocks and block-level elements. Everything later (body scoring,
 * dates near the title, bylines) works on this list, so the tree is walked exactly once.
 */
export function linearise(root: DomNode, opts: { revealStyled?: boolean } = {}): Linearised {
  const revealStyled = opts.revealStyled ?? false;
  const blocks: Block[] = [];
  const elements: ElementRec[] = [];
  const bylines: NamedByline[] = [];
  const rootRec: ElementRec = { tag: 'root', parent: null, node: root, noise: false, comment: false, start: 0, end: 0 };
  elements.push(rootRec);

  let visited = 0;
  let styleHidden = 0;
  let owner = rootRec;
  let noiseOwner: ElementRec | null = null;
  let linkDepth = 0;
  let preDepth = 0;
  let lines: string[] = [];
  let linkLines: boolean[] = [];
  let line = '';
  let lineLen = 0;
  let lineLinkLen = 0;
  let len = 0;
  let linkLen = 0;

  const endLine = (): void => {
    const clean = collapse(line);
    if (clean) {
      lines.push(clean);
      linkLines.push(lineLinkLen > lineLen * 0.5);
    }
    line = '';
    lineLen = 0;
    lineLinkLen = 0;
  };
  const flush = (): void => {
    endLine();
    if (lines.length > 0 && len > 0) {
      const text = lines.join('');
      const heading = /^h[1-6]$/.test(owner.tag) ? Number(owner.tag[1]) : 0;
      blocks.push({ index: blocks.length, lines, linkLines, len, linkLen, punct: countPunct(text), owner, heading, noiseOwner });
    }
    lines = [];
    linkLines = [];
    len = 0;
    linkLen = 0;
  };

  const walk = (node: DomNode, depth: number): void => {
    if (++visited > MAX_NODES || depth > MAX_DEPTH) return;
    if (node.type === 'text') {
      const text = cleanChars(node.data ?? '');
      const n = nonSpaceLength(text);
      if (n === 0) {
        if (text) line += ' ';
        return;
      }
      if (preDepth > 0) {
        // Code and poems in <pre> keep their line breaks.
        const parts = text.split('\n');
        parts.forEach((part, i) => {
          if (i > 0) endLine();
          line += part;
        });
      } else line += text.replace(/\s+/g, ' ');
      len += n;
      lineLen += n;
      if (linkDepth > 0) {
        linkLen += n;
        lineLinkLen += n;
      }
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    if (isSkipped(node, revealStyled)) {
      if (styleHidden < MAX_HIDDEN_COUNT && !isSkipped(node, true)) styleHidden += textSize(node, MAX_HIDDEN_COUNT);
      return;
    }
    const tag = node.name ?? 'root';
    if (tag === 'br') {
      endLine();
      return;
    }
    const names = `${attr(node, 'class') ?? ''} ${attr(node, 'id') ?? ''}`;
    const nameNoise = isNoiseName(names);
    const comment = isCommentName(names);
    const isBlock = BLOCK_TAGS.has(tag) || nameNoise || comment;
    if (BYLINE_NAME.test(names) && textSize(node, MAX_BYLINE_CHARS) <= MAX_BYLINE_CHARS) {
      // The block it ends up in: the current one, or the one it opens.
      bylines.push({ index: blocks.length, text: collapse(textOf(node)) });
    }
    // An <a> left open by a broken template can swallow the article; no real link is that long.
    // A link that shows its own address ("https://github.com/…") was pasted into the text by its
    // author: navigation and related links are never written that way.
    const isLink =
      tag === 'a' && attr(node, 'href') !== undefined && textSize(node, MAX_LINK_TEXT) <= MAX_LINK_TEXT && !BARE_URL.test(textOf(node));
    const savedOwner = owner;
    const savedNoise = noiseOwner;
    if (isBlock) {
      flush();
      const rec: ElementRec = { tag, parent: owner, node, noise: nameNoise || NOISE_TAGS.has(tag), comment, start: blocks.length, end: 0 };
      elements.push(rec);
      owner = rec;
      if (rec.noise) noiseOwner = rec;
    }
    if (isLink) linkDepth++;
    if (tag === 'pre') preDepth++;
    for (const child of node.children ?? []) walk(child, depth + 1);
    if (tag === 'pre') preDepth--;
    if (isLink) linkDepth--;
    if (isBlock) {
      flush();
      owner.end = blocks.length;
      owner = savedOwner;
      noiseOwner = savedNoise;
    }
  };

  for (const child of root.children ?? []) walk(child, 0);
  flush();
  rootRec.end = blocks.length;
  return { blocks, elements, bylines: bylines.filter((b) => b.text), styleHidden };
}

/** The block's text as one line (for pattern matching), or with line breaks (for output). */
export function blockText(block: Block, separator = ' '): string {
  return block.lines.join(separator);
}
