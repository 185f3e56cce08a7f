import { attr, BLOCK_TAGS, cleanChars, collapse, isSkipped, type DomNode } from './dom';
import { isNoiseName, NOISE_TAGS } from './noise';

/** A block-level element, with the range of blocks it contains (blocks are in document order). */
export interface ElementRec {
  tag: string;
  parent: ElementRec | null;
  node: DomNode;
  /** Named or tagged like page furniture (nav, footer, "share", …); see noise.ts. */
  noise: boolean;
  start: number;
  end: number;
}

/** A run of text between two block boundaries: a paragraph, a cell, a heading, a menu item. */
export interface Block {
  index: number;
  /** Lines as <br> broke them, whitespace collapsed, none empty. */
  lines: string[];
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

export interface Linearised {
  blocks: Block[];
  elements: ElementRec[];
}

/** Bounds the walk on pathological pages (hundreds of thousands of nodes, absurd nesting). */
export const MAX_NODES = 200_000;
const MAX_DEPTH = 600;

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
export function linearise(root: DomNode): Linearised {
  const blocks: Block[] = [];
  const elements: ElementRec[] = [];
  const rootRec: ElementRec = { tag: 'root', parent: null, node: root, noise: false, start: 0, end: 0 };
  elements.push(rootRec);

  let visited = 0;
  let owner = rootRec;
  let noiseOwner: ElementRec | null = null;
  let linkDepth = 0;
  let lines: string[] = [];
  let line = '';
  let len = 0;
  let linkLen = 0;

  const endLine = (): void => {
    const clean = collapse(line);
    if (clean) lines.push(clean);
    line = '';
  };
  const flush = (): void => {
    endLine();
    if (lines.length > 0 && len > 0) {
      const text = lines.join('');
      const heading = /^h[1-6]$/.test(owner.tag) ? Number(owner.tag[1]) : 0;
      blocks.push({ index: blocks.length, lines, len, linkLen, punct: countPunct(text), owner, heading, noiseOwner });
    }
    lines = [];
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
      line += text.replace(/\s+/g, ' ');
      len += n;
      if (linkDepth > 0) linkLen += n;
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    if (isSkipped(node)) return;
    const tag = node.name ?? 'root';
    if (tag === 'br') {
      endLine();
      return;
    }
    const nameNoise = isNoiseName(`${attr(node, 'class') ?? ''} ${attr(node, 'id') ?? ''}`);
    const isBlock = BLOCK_TAGS.has(tag) || nameNoise;
    const isLink = tag === 'a' && attr(node, 'href') !== undefined;
    const savedOwner = owner;
    const savedNoise = noiseOwner;
    if (isBlock) {
      flush();
      const rec: ElementRec = { tag, parent: owner, node, noise: nameNoise || NOISE_TAGS.has(tag), start: blocks.length, end: 0 };
      elements.push(rec);
      owner = rec;
      if (rec.noise) noiseOwner = rec;
    }
    if (isLink) linkDepth++;
    for (const child of node.children ?? []) walk(child, depth + 1);
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
  return { blocks, elements };
}

/** The block's text as one line (for pattern matching), or with line breaks (for output). */
export function blockText(block: Block, separator = ' '): string {
  return block.lines.join(separator);
}
