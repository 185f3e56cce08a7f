import { createRequire } from 'node:module';
import type { Jieba, TfIdf } from '@node-rs/jieba';
import { isKeywordCandidate } from './stop-words';

/**
 * Chinese keyword extraction: jieba segmentation (with HMM, so unseen names such as a new road or
 * estate still come out as one word) and TF-IDF against jieba's bundled IDF table, minus stop words
 * and noise. Pure: text in, keywords out; the only side effect is the one-time dictionary load.
 */

export interface Keyword {
  word: string;
  /** TF-IDF weight: comparable within one text, not across texts of different lengths. */
  weight: number;
}

export interface KeywordExtractorOptions {
  /** Only the first this many characters are read: the lede carries the topic, and cost stays bounded. */
  maxChars?: number;
  /** Extra stop words on top of the default list (e.g. the district's own name, which is on every item). */
  extraStopWords?: Iterable<string>;
  /** How many keywords extract() returns when no limit is given. */
  defaultLimit?: number;
}

export interface KeywordExtractor {
  extract(text: string, limit?: number): Keyword[];
}

const DEFAULT_MAX_CHARS = 2000;
const DEFAULT_LIMIT = 10;

interface Engine {
  jieba: Jieba;
  tfidf: TfIdf;
}

// One engine per process: the dictionary (~350k words) and IDF table (~270k) take ~150–200 ms and
// tens of MB to load, so they are loaded on first use rather than at import, and never twice.
// Required, not imported: '@node-rs/jieba/dict' reads its 11 MB of files as soon as it is imported,
// and a process that never extracts keywords (the crawler, most tests) should not pay for that.
const require = createRequire(import.meta.url);
let engine: Engine | null = null;

function getEngine(): Engine {
  if (engine) return engine;
  const native = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict, idf } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
  const jieba = native.Jieba.withDict(dict);
  const tfidf = native.TfIdf.withDict(idf);
  // Stop words are filtered in JS, not through the native config: in 2.0.3 a non-empty stopWords Set
  // fails to convert ("Failed to convert JavaScript value `Undefined` into rust type `String`"), and
  // the config is process-wide while extra stop words are per extractor. An empty set also drops
  // jieba-rs's English defaults, which the JS filter covers.
  tfidf.setConfig({ stopWords: new Set<string>(), minKeywordLength: 2, useHmm: true });
  engine = { jieba, tfidf };
  return engine;
}

// Markup that would otherwise turn into keywords: links (t.cn/…, sinaurl.cn/…) split into
// "http"/"cn" fragments, Weibo emoticon codes like [哈哈] or [doge], repost chains "//@某人:" and
// mentions ended by a colon or space (a username is who spoke, not what about). A mention with
// no delimiter is left alone: the normaliser glues following text on, and eating it would lose content.
const URL = /(?:https?:\/\/|www\.)[\x21-\x7e]*|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:cn|com|net|org)\/[\x21-\x7e]*/giu;
const EMOTICON = /\[[^[\]\s]{1,8}\]/gu;
const MENTION = /@[^\s:：@]{1,30}[:：\s]/gu;

/** Cuts at maxChars without splitting a surrogate pair (a lone surrogate is not valid UTF-8 for the native side). */
function cap(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end);
}

function clean(text: unknown, maxChars: number): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  // Cap before the regexes too, so a 1 MB page costs no more than its first maxChars (plus a margin
  // for what the regexes remove).
  const head = cap(text, maxChars * 2);
  return cap(head.replace(URL, ' ').replace(EMOTICON, ' ').replace(MENTION, ' '), maxChars);
}

/**
 * The words of a short text (a search query) as jieba cuts them in precise mode, in order, with
 * nothing filtered: for marking a query's words in results, not for counting keywords.
 */
export function segmentWords(text: string): string[] {
  const capped = cap(text, 200);
  return capped.trim() ? getEngine().jieba.cut(capped, true) : [];
}

/**
 * The keyword candidates of a text in reading order, repeats kept: for callers that count words
 * themselves (document frequencies for hot words, co-occurrence). Same segmentation and filters
 * as extract().
 */
export function tokenize(text: string, opts: { maxChars?: number; extraStopWords?: Iterable<string> } = {}): string[] {
  const cleaned = clean(text, opts.maxChars ?? DEFAULT_MAX_CHARS);
  if (cleaned.trim().length === 0) return [];
  const extra = new Set(opts.extraStopWords ?? []);
  const out: string[] = [];
  for (const token of getEngine().jieba.cut(cleaned, true)) {
    if (isKeywordCandidate(token) && !extra.has(token)) out.push(token);
  }
  return out;
}

export function createKeywordExtractor(opts: KeywordExtractorOptions = {}): KeywordExtractor {
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const defaultLimit = opts.defaultLimit ?? DEFAULT_LIMIT;
  const extra: ReadonlySet<string> = new Set(opts.extraStopWords ?? []);

  return {
    extract(text: string, limit: number = defaultLimit): Keyword[] {
      if (!Number.isFinite(limit) || limit < 1) return [];
      const want = Math.floor(limit);
      const cleaned = clean(text, maxChars);
      if (cleaned.trim().length === 0) return [];
      const { jieba, tfidf } = getEngine();

      // The native top-K still holds stop words, numbers, Latin noise and the extras, filtered here;
      // ask for a margin and, in the rare case filtering leaves too few while more exist, ask again.
      // The margin is modest because every native result is a JS object: asking for 46 instead of 24
      // cost ~15 % of throughput on posts, while a retry is needed for ~1 % of posts.
      let topK = want * 2 + 4;
      for (;;) {
        const raw = tfidf.extractKeywords(jieba, cleaned, topK);
        const out: Keyword[] = [];
        for (const k of raw) {
          if (!isKeywordCandidate(k.keyword) || extra.has(k.keyword)) continue;
          out.push({ word: k.keyword, weight: k.weight });
          if (out.length === want) return out;
        }
        if (raw.length < topK) return out;
        topK *= 4;
      }
    },
  };
}
