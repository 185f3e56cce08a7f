import { z } from 'zod';

/** What a source publishes: official notices, news, public posts. Set per source, inherited by its items. */
export const ItemKind = z.enum(['notice', 'news', 'post']);
export type ItemKind = z.infer<typeof ItemKind>;

/** Tags set by the tagger. A later issue adds more; keep these names stable. */
export const Tag = z.enum(['rumor-suspect', 'known-rumor', 'rebuttal', 'price-gouging']);
export type Tag = z.infer<typeof Tag>;

export const TimePrecision = z.enum(['year', 'month', 'day', 'minute', 'second']);
export type TimePrecision = z.infer<typeof TimePrecision>;

export const MAX_TITLE_CHARS = 500;
export const MAX_BODY_CHARS = 100_000;
export const MAX_URL_CHARS = 2_048;

/**
 * One collected item as the crawler hands it to ingest (in-process or over HTTP).
 * Everything here came from the open web: the server validates it again and never trusts it.
 */
export const RawItem = z.object({
  sourceId: z.string().min(1).max(64),
  /**
   * Canonical URL (tracking parameters stripped, fragment removed); http(s) only, never javascript:
   * or data: — or the system's own urn:yuqing: names (offline sightings have no web address).
   */
  url: z.url().max(MAX_URL_CHARS).refine((u) => /^https?:\/\//i.test(u) || u.startsWith('urn:yuqing:'), 'only http(s) URLs'),
  title: z.string().max(MAX_TITLE_CHARS),
  /** Plain text, never HTML. */
  body: z.string().max(MAX_BODY_CHARS),
  /** ISO 8601 with offset; null when the page gave no date (then collectedAt stands in). */
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  /** How precise publishedAt is, as found on the page ("2023-06-04" is a day, "18:45" a minute). */
  publishedPrecision: TimePrecision.nullable().optional(),
  /** Provenance only: never indexed for search, never aggregated. */
  author: z.string().max(200).nullable(),
  /** sha256 hex of the normalised title + body: exact-duplicate key. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  fetchedAt: z.iso.datetime({ offset: true }),
});
export type RawItem = z.infer<typeof RawItem>;

export const Reason = z.object({
  /** Stable machine code, e.g. "marker-phrase", "claim-pattern", "rebuttal-phrase". */
  code: z.string(),
  /** Human-readable, Chinese. */
  label: z.string(),
  /**
   * Which signal it is (a lexicon signal's key such as "hearsay" or "claim-cure", else the code; the
   * classifier inside a debunk is "classifier-quoted"): the dashboard words it in the reader's language.
   * Absent on items tagged before it existed.
   */
  signal: z.string().optional(),
  weight: z.number(),
  /** The phrases found in the text. */
  matches: z.array(z.string()),
});
export type Reason = z.infer<typeof Reason>;

/** What an editor can decide. 'needs-verification' parks an item with a note saying what to check. */
export const VerdictValue = z.enum(['confirmed-rumor', 'not-rumor', 'needs-verification', 'duplicate']);
export type VerdictValue = z.infer<typeof VerdictValue>;

/** Where an item stands on the desk: no one has looked ('new'), someone holds a claim, or a verdict. */
export const ReviewStatus = z.enum(['new', 'in-progress', ...VerdictValue.options]);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const Verdict = z.object({
  verdict: VerdictValue,
  reviewer: z.string(),
  note: z.string().nullable(),
  decidedAt: z.string(),
  /** For 'duplicate': the item this one repeats. */
  duplicateOf: z.number().int().nullable(),
  /** For 'confirmed-rumor': the library entry made from (or linked to) this item. */
  libraryId: z.number().int().nullable(),
});
export type Verdict = z.infer<typeof Verdict>;

/** An editor working on the item; the claim lapses at expiresAt. */
export const Claim = z.object({ by: z.string(), expiresAt: z.string() });
export type Claim = z.infer<typeof Claim>;

/**
 * A link from an item to a known rumour: 'confirmed' and 'suggested' come from claim matching (above
 * the confirm and the suggest threshold), 'rebuttal' marks a debunk answering it, 'manual' an editor's link.
 */
export const LibraryLinkKind = z.enum(['confirmed', 'suggested', 'rebuttal', 'manual']);
export type LibraryLinkKind = z.infer<typeof LibraryLinkKind>;
export const LibraryLink = z.object({
  libraryId: z.number().int(),
  claim: z.string(),
  kind: LibraryLinkKind,
  similarity: z.number().min(0).max(1),
});
export type LibraryLink = z.infer<typeof LibraryLink>;

export const SentimentLabel = z.enum(['pos', 'neutral', 'neg']);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

/** Who set an item's sentiment: the built-in word list, a trained model, or an analyst's correction. */
export const SentimentSource = z.enum(['lexicon', 'model', 'analyst']);
export type SentimentSource = z.infer<typeof SentimentSource>;

export const ItemSentiment = z.object({
  label: SentimentLabel,
  /** How sure the classifier was (1 for an analyst's label). */
  confidence: z.number().min(0).max(1),
  source: SentimentSource,
  /** The analyst who set it, for source 'analyst'. */
  actor: z.string().nullable(),
});
export type ItemSentiment = z.infer<typeof ItemSentiment>;

/** A classifier's sentiment for an item (an analyst's label is written apart, as a correction). */
export interface ScoredSentiment {
  label: SentimentLabel;
  confidence: number;
  source: Exclude<SentimentSource, 'analyst'>;
}

export const ItemTopicRef = z.object({ id: z.number().int(), name: z.string() });

export const Item = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  sourceName: z.string(),
  kind: ItemKind,
  url: z.string(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string().nullable(),
  publishedPrecision: TimePrecision.nullable(),
  /** When it entered the system; publishedAt ?? collectedAt orders the timeline. */
  collectedAt: z.string(),
  tags: z.array(Tag),
  score: z.number().min(0).max(1),
  reasons: z.array(Reason),
  status: ReviewStatus,
  verdict: Verdict.nullable(),
  claim: Claim.nullable(),
  libraryLinks: z.array(LibraryLink),
  /**
   * Near-duplicate cluster (reposts of one story with small edits): the id of the item that started
   * it, which is this item's own id when nothing earlier was similar enough.
   */
  clusterId: z.number().int(),
  /** Items in the cluster plus exact reposts (the same content seen under other URLs): how far it spread. */
  clusterSize: z.number().int().min(1),
  /** Null for items stored before sentiment existed, until re-scored. */
  sentiment: ItemSentiment.nullable(),
  /** Monitoring topics the item belongs to. */
  topics: z.array(ItemTopicRef),
});
export type Item = z.infer<typeof Item>;
