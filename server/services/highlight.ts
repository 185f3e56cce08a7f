import { HIT_END, HIT_START } from '../repositories/search-index';

export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Splits engine output with hit markers into plain segments, so clients render hits as text
 * inside <mark> and never parse HTML from crawled content.
 */
export function toSegments(marked: string): Segment[] {
  const out: Segment[] = [];
  let hit = false;
  let buf = '';
  const flush = () => {
    if (buf) out.push({ text: buf, hit });
    buf = '';
  };
  for (const ch of marked) {
    if (ch === HIT_START) {
      flush();
      hit = true;
    } else if (ch === HIT_END) {
      flush();
      hit = false;
    } else buf += ch;
  }
  flush();
  return out;
}

export function hasHit(segments: Segment[]): boolean {
  return segments.some((s) => s.hit);
}

export function excerptOf(body: string, max = 160): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
