import { CharClass, classAt, isAsciiLetter, isMixableLetter, latinHomoglyph, lowerLatin } from './char-class';
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
 * True when the letter run around n[i] (ASCII, Greek, Cyrillic letters) is a spoofed Latin word: it
 * holds an ASCII letter and every other letter has a Latin look-alike ("Соvid"). "peaceМИР" keeps
 * its Cyrillic: И looks like no Latin letter, so the run is two languages written together.
 */
function inLatinWord(n: string, i: number): boolean {
  let start = i;
  while (start > 0 && isMixableLetter(n.charCodeAt(start - 1))) start--;
  let end = i + 1;
  while (end < n.length && isMixableLetter(n.charCodeAt(end))) end++;
  let ascii = false;
  for (let j = start; j < end; j++) {
    const c = n.charCodeAt(j);
    if (isAsciiLetter(c)) ascii = true;
    else if (latinHomoglyph(c) === null) return false;
  }
  return ascii;
}

/**
 * The single pass over NFKC text: drops invisibles, drops short filler runs between Han characters
 * and combining marks stacked on Han, lower-cases Latin, folds Greek/Cyrillic look-alikes inside
 * Latin words. Returns false when nothing changed, so the hot path can hand back its input.
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
        if (c !== CharClass.Filler && c !== CharClass.Invisible && c !== CharClass.Mark) break;
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
      // The run stays, minus any invisibles inside it (marks stay on the symbols they decorate).
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
    if (cls === CharClass.Mark && afterHan) {
      if (segStart < i) sink.copy(segStart, i);
      i += width;
      segStart = i;
      changed = true;
      continue; // afterHan stays true: "封̶城" is 封城
    }
    if (cls === CharClass.Plain && width === 1) {
      const c = n.charCodeAt(i);
      const lower = c >= 0x370 && c <= 0x52f ? (inLatinWord(n, i) ? latinHomoglyph(c) : null) : lowerLatin(c);
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
 * Canonical form for matching and search: NFKC (full-width → half-width, enclosed and styled letters
 * ①Ⓐ𝐀 → 1a a), invisibles removed, evasion fillers between Han characters removed ("封❤城",
 * "板-蓝-根" → 封城, 板蓝根), combining marks on Han removed ("封̶城"), Latin lower-cased, Greek and
 * Cyrillic look-alikes inside Latin words folded ("Соvid" → covid), traditional → simplified, and
 * spelled-out forms of a fixed list of key words restored ("yi情", "封cheng", "封土成" → 疫情, 封城;
 * see normalise-keywords.ts for the list and its limits). Not meant for display: use the original
 * text for that.
 */
export function normaliseText(s: string): string {
  if (s.length === 0) return s;
  const known = recent.get(s);
  if (known !== undefined) return known;
  const out = normaliseUncached(s);
  remember(s, out);
  return out;
}

/**
 * The last texts normalised, oldest first. Ingest normalises an item's title and body once to tag
 * it and again, for the whole batch after tagging, to sign it for near-duplicate clustering (the
 * same string whenever the body is within the tagger's limit); remembering a batch's worth (the
 * API takes 500 items) saves the second pass, about a twentieth of ingest's CPU.
 */
const recent = new Map<string, string>();
const RECENT_MAX_ENTRIES = 512;
const RECENT_MAX_CHARS = 2_000_000;
const RECENT_MAX_ENTRY_CHARS = 25_000;
let recentChars = 0;

function remember(s: string, out: string): void {
  if (s.length > RECENT_MAX_ENTRY_CHARS) return;
  recent.set(s, out);
  recentChars += s.length + out.length;
  while (recent.size > RECENT_MAX_ENTRIES || recentChars > RECENT_MAX_CHARS) {
    const [oldest, value] = recent.entries().next().value as [string, string];
    recent.delete(oldest);
    recentChars -= oldest.length + value.length;
  }
}

function normaliseUncached(s: string): string {
  const n = s.normalize('NFKC');
  const parts: string[] = [];
  const changed = scan(n, {
    copy: (start, end) => parts.push(n.slice(start, end)),
    put: (text) => parts.push(text),
  });
  return rewriteKeywordEvasions(toSimplified(changed ? parts.join('') : n), null).text;
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
  if (converted.length === text.length) return rewriteKeywordEvasions(converted, offsets);
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
  return rewriteKeywordEvasions(aligned, alignedOffsets);
}

/**
 * Key words that posts spell out to dodge keyword filters, with each character's pinyin and, where
 * it is a well-known trick, its split form (拆字: 城 → 土成). Bounded on purpose: a variant is only
 * rewritten as a whole key word, never a lone pinyin syllable or component, so ordinary text cannot
 * change. Homophones (新官, 河蟹) are open-ended and often real words, and are left to the claim
 * matcher's tolerance for edits; spaced pinyin ("feng cheng") and single-letter mixes ("y情") are
 * not handled.
 */
const KEYWORD_CHARS: Readonly<Record<string, readonly [pinyin: string, split?: string]>> = {
  疫: ['yi', '疒殳'], 情: ['qing', '忄青'], 新: ['xin', '亲斤'], 冠: ['guan', '冖元寸'], 肺: ['fei', '月市'],
  炎: ['yan', '火火'], 病: ['bing', '疒丙'], 毒: ['du'], 封: ['feng', '圭寸'], 城: ['cheng', '土成'],
  控: ['kong', '扌空'], 隔: ['ge', '阝鬲'], 离: ['li'], 确: ['que', '石角'], 诊: ['zhen'], 核: ['he', '木亥'],
  酸: ['suan', '酉夋'], 苗: ['miao', '艹田'], 感: ['gan'], 染: ['ran'], 死: ['si', '歹匕'], 亡: ['wang'],
  政: ['zheng', '正攵'], 府: ['fu', '广付'], 谣: ['yao'], 言: ['yan'], 辟: ['pi'], 警: ['jing', '敬言'],
  察: ['cha'], 拆: ['chai', '扌斥'], 迁: ['qian'], 维: ['wei', '纟隹'], 权: ['quan', '木又'], 上: ['shang'],
  访: ['fang', '讠方'], 爆: ['bao', '火暴'], 炸: ['zha', '火乍'],
};
const KEYWORDS = [
  '疫情', '新冠', '肺炎', '病毒', '封城', '封控', '隔离', '确诊', '核酸', '疫苗', '感染', '死亡', '政府',
  '谣言', '辟谣', '警察', '拆迁', '维权', '上访', '爆炸',
];
/** Pinyin initials common enough in posts to read as the word, and only next to Chinese text. */
const INITIALS: Readonly<Record<string, string>> = { yq: '疫情', zf: '政府', hs: '核酸' };

interface KeywordVariant {
  text: string;
  word: string;
  /** Length of the piece that spells each character of word. */
  pieces: number[];
  /** All Latin: only rewritten next to a Han character, so an English or pinyin sentence stays. */
  allLatin: boolean;
}

interface KeywordTable {
  /** First UTF-16 unit → variants starting with it, longest first. */
  buckets: Map<number, KeywordVariant[]>;
  trigger: Uint8Array;
}

let keywordTable: KeywordTable | null = null;

function buildKeywordTable(): KeywordTable {
  const variants: KeywordVariant[] = [];
  for (const word of KEYWORDS) {
    const options = [...word].map((ch) => {
      const [pinyin, split] = KEYWORD_CHARS[ch] ?? [];
      return [ch, ...(pinyin ? [pinyin] : []), ...(split ? [split] : [])];
    });
    // Every combination of spellings, less the word itself.
    let combos: string[][] = [[]];
    for (const opts of options) combos = combos.flatMap((c) => opts.map((o) => [...c, o]));
    for (const pieces of combos) {
      const text = pieces.join('');
      if (text === word) continue;
      variants.push({ text, word, pieces: pieces.map((p) => p.length), allLatin: /^[a-z]+$/.test(text) });
    }
  }
  for (const [text, word] of Object.entries(INITIALS)) {
    variants.push({ text, word, pieces: [1, 1], allLatin: true });
  }
  const buckets = new Map<number, KeywordVariant[]>();
  const trigger = new Uint8Array(0x10000);
  for (const v of variants) {
    const key = v.text.charCodeAt(0);
    trigger[key] = 1;
    const bucket = buckets.get(key) ?? [];
    bucket.push(v);
    buckets.set(key, bucket);
  }
  for (const bucket of buckets.values()) bucket.sort((a, b) => b.text.length - a.text.length);
  return { buckets, trigger };
}

const isHanUnit = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
const isLatinUnit = (c: number): boolean => c >= 0x61 && c <= 0x7a;

/** The variant of a key word starting at text[i], if its surroundings allow reading it as one. */
function variantAt(text: string, i: number, table: KeywordTable): KeywordVariant | null {
  const bucket = table.buckets.get(text.charCodeAt(i));
  if (bucket === undefined) return null;
  const before = i > 0 ? text.charCodeAt(i - 1) : 0;
  for (const v of bucket) {
    if (!text.startsWith(v.text, i)) continue;
    const end = i + v.text.length;
    const after = end < text.length ? text.charCodeAt(end) : 0;
    // Latin at either end must be a whole Latin run: "封chengdu" is not 封城.
    if (isLatinUnit(v.text.charCodeAt(0)) && isLatinUnit(before)) continue;
    if (isLatinUnit(v.text.charCodeAt(v.text.length - 1)) && isLatinUnit(after)) continue;
    if (v.allLatin && !isHanUnit(before) && !isHanUnit(after)) continue;
    return v;
  }
  return null;
}

/**
 * Replaces spelled-out key words (see KEYWORD_CHARS) by the word. With offsets, the word's first
 * character maps to where its variant starts and its last to where the variant ends, so a highlight
 * of the word covers the whole variant in the original.
 */
function rewriteKeywordEvasions(text: string, offsets: number[] | null): NormalisedWithOffsets {
  keywordTable ??= buildKeywordTable();
  const table = keywordTable;
  let out = '';
  let outOffsets: number[] = [];
  let segStart = 0;
  for (let i = 0; i < text.length; i++) {
    if (table.trigger[text.charCodeAt(i)] !== 1) continue;
    const v = variantAt(text, i, table);
    if (v === null) continue;
    out += text.slice(segStart, i) + v.word;
    if (offsets) {
      outOffsets.push(...offsets.slice(segStart, i));
      let at = i;
      v.pieces.forEach((len, k) => {
        outOffsets.push(offsets[k === v.pieces.length - 1 ? at + len - 1 : at] ?? 0);
        at += len;
      });
    }
    segStart = i + v.text.length;
    i = segStart - 1;
  }
  if (segStart === 0) return { text, offsets: offsets ?? [] };
  out += text.slice(segStart);
  if (offsets) outOffsets = outOffsets.concat(offsets.slice(segStart));
  return { text: out, offsets: outOffsets };
}
