import type { Block, Linearised } from './blocks';
import { isBoilerplateLine } from './noise';

/** Blocks in a noise element are noise unless releaseNoise took the flag back. */
export function isNoisy(block: Block): boolean {
  for (let e = block.noiseOwner; e; e = e.parent) if (e.noise) return true;
  return false;
}

export function linkHeavy(block: Block): boolean {
  return block.linkLen > block.len * 0.5;
}

/** Most a non-link piece of furniture counts against its container. */
const NOISE_CAP = 15;

/**
 * How much a block speaks for its container being the article: prose (punctuated, not links)
 * counts for; menus, link lists, buttons and legal lines count against; unpunctuated short lines
 * (names, dates, one-line replies) are neutral.
 */
export function prosaicWeight(block: Block): number {
  const own = block.len - block.linkLen;
  if (linkHeavy(block)) return -block.len;
  if (block.lines.every(isBoilerplateLine)) return -block.len;
  if (block.punct === 0) return own < 30 ? (own <= 4 ? -own * 0.5 : 0) : own * 0.3;
  return own;
}

/**
 * Furniture counts against a container, but a non-link piece of it only a little: forum posts
 * come wrapped in headers and footers (names, dates, "回复") that must not outweigh short replies.
 */
export function weight(block: Block): number {
  if (!isNoisy(block)) return prosaicWeight(block);
  return linkHeavy(block) ? -block.len : -Math.min(block.len, NOISE_CAP);
}

/** For pages without punctuated prose: any text that is not a link or furniture counts. */
export function lenientWeight(block: Block): number {
  const strict = weight(block);
  return strict < 0 && (isNoisy(block) || linkHeavy(block) || block.lines.every(isBoilerplateLine)) ? strict : block.len - block.linkLen;
}

/**
 * A class like "share" or a <header> can wrap the whole article on some sites. Such an element
 * keeps its noise flag unless it holds the printed title and real prose, or nearly all of the
 * page's prose. Not merely "a lot of prose": a "recommended" box often carries a whole second
 * article, longer than a short news item.
 */
export function releaseNoise({ blocks, elements }: Linearised, titleIndex: number): void {
  let pagePositive = 0;
  for (const b of blocks) pagePositive += Math.max(0, prosaicWeight(b));
  for (const e of elements) {
    if (!e.noise) continue;
    let inside = 0;
    for (let i = e.start; i < e.end; i++) inside += Math.max(0, prosaicWeight(blocks[i]!));
    const holdsTitle = titleIndex >= e.start && titleIndex < e.end;
    if ((holdsTitle && inside >= 200) || inside >= pagePositive * 0.9) e.noise = false;
  }
}
