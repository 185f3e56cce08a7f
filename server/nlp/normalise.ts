import { CharClass, classAt, lowerLatin } from './char-class';
import { toSimplified } from './simplify';

/**
 * Fillers squeezed between two Han characters are dropped only up to this many code points: evasions
 * are short ("封❤城", "封 . 城"), longer runs are layout (a ruler of dashes) and stay.
 */
const MAX_FILLER_RUN = 6;

/** Where the scan writes to: plain string pieces (hot path) or pieces plus source offsets. */
interface Sink {
  /** Keep n[start, end) unchanged. */
  copy(start: number, end: number): void;
  /** Emit a replacement for the character at n[at]. */
  put(text: string, at: number): void;
}

/**
 * The single pass over NFKC text: drops invisibles, drops short filler runs between Han characters,
 * lower-cases Latin. Returns false when nothing changed, so the hot path can hand back its input.
 */
function scan(n: string, sink: Sink): boolean {
  let changed = false;
  let segStart = 0;
  let afterHan = false;
  let i = 0;
  const len = n.length;
  while (i < len) {
    const packed = classAt(n, i);
    const cls = packed & 0xf;
    const width = packed >> 4;
    if (cls === CharClass.Invisible) {
      if (segStart < i) sink.copy(segStart, i);
      i += width;
      segStart = i;
      changed = true;
      continue;
    }
    if (cls === CharClass.Filler) {
      // Find the end of the run (invisibles inside it do not interrupt it).
      let j = i;
      let fillers = 0;
      let next = 0;
      while (j < len) {
        next = classAt(n, j);
        const c = next & 0xf;
        if (c !== CharClass.Filler && c !== CharClass.Invisible) break;
        if (c === CharClass.Filler) fillers++;
        j += next >> 4;
      }
      if (afterHan && j < len && (next & 0xf) === CharClass.Han && fillers <= MAX_FILLER_RUN) {
        if (segStart < i) sink.copy(segStart, i);
        segStart = j;
        i = j;
        changed = true;
        continue; // afterHan stays true: the next character is Han
      }
      // The run stays, minus any invisibles inside it.
      while (i < j) {
        const p = classAt(n, i);
        if ((p & 0xf) === CharClass.Invisible) {
          if (segStart < i) sink.copy(segStart, i);
          segStart = i + (p >> 4);
          changed = true;
        }
        i += p >> 4;
      }
      afterHan = false;
      continue;
    }
    if (cls === CharClass.Plain && width === 1) {
      const lower = lowerLatin(n.charCodeAt(i));
      if (lower !== null) {
        if (segStart < i) sink.copy(segStart, i);
        sink.put(lower, i);
        segStart = i + 1;
        changed = true;
      }
    }
    afterHan = cls === CharClass.Han;
    i += width;
  }
  if (changed && segStart < len) sink.copy(segStart, len);
  return changed;
}

/**
 * Canonical form for matching and search: NFKC (full-width → half-width), invisibles removed,
 * evasion fillers between Han characters removed ("封❤城", "板-蓝-根" → 封城, 板蓝根), Latin
 * lower-cased, traditional → simplified. Not meant for display: use the original text for that.
 */
export function normaliseText(s: string): string {
  if (s.length === 0) return s;
  const n = s.normalize('NFKC');
  const parts: string[] = [];
  const changed = scan(n, {
    copy: (start, end) => parts.push(n.slice(start, end)),
    put: (text) => parts.push(text),
  });
  return toSimplified(changed ? parts.join('') : n);
}

export interface NormalisedWithOffsets {
  /** Same as normaliseText(s) except where NFKC would compose a letter with a following combining mark. */
  text: string;
  /** offsets[k] = index in the original string of the character that produced text[k]. */
  offsets: number[];
}

/**
 * normaliseText that remembers where each output character came from, so a phrase found in the
 * normalised text can be highlighted in the original one (which is what readers see). Slower than
 * normaliseText: NFKC runs per character. Use it for display, not on every ingested item.
 */
export function normaliseTextWithOffsets(s: string): NormalisedWithOffsets {
  // NFKC per code point, remembering each piece's source index.
  let n = '';
  const nOffsets: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    const piece = cp < 0xa0 ? s.slice(i, i + width) : s.slice(i, i + width).normalize('NFKC');
    n += piece;
    for (let k = 0; k < piece.length; k++) nOffsets.push(i);
    i += width;
  }
  let text = '';
  let offsets: number[] = [];
  const changed = scan(n, {
    copy: (start, end) => {
      text += n.slice(start, end);
      for (let k = start; k < end; k++) offsets.push(nOffsets[k] ?? 0);
    },
    put: (piece, at) => {
      text += piece;
      for (let k = 0; k < piece.length; k++) offsets.push(nOffsets[at] ?? 0);
    },
  });
  if (!changed) {
    text = n;
    offsets = nOffsets;
  }
  const converted = toSimplified(text);
  if (converted.length === text.length) return { text: converted, offsets };
  // A phrase rule changed the length: convert code point by code point so offsets stay aligned.
  let aligned = '';
  const alignedOffsets: number[] = [];
  for (let i = 0; i < text.length; ) {
    const width = (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    const piece = toSimplified(text.slice(i, i + width));
    aligned += piece;
    for (let k = 0; k < piece.length; k++) alignedOffsets.push(offsets[i] ?? 0);
    i += width;
  }
  return { text: aligned, offsets: alignedOffsets };
}
