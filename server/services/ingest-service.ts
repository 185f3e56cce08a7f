import type { Reason, RawItem, Tag, ItemKind } from '../contracts/item';
import type { IngestResult } from '../contracts/ingest';
import type { ItemsRepo, NewItem } from '../repositories/items-repo';
import type { SourcesRepo } from '../repositories/sources-repo';
import { RawItem as RawItemSchema } from '../contracts/item';
import { fieldErrorOf, ValidationError, type FieldError } from '../errors';
import { shanghaiDay, toUtcIso } from '../lib/time';
import type { MatchWrite } from '../repositories/library-repo';
import type { ClusterService } from './cluster-service';
import type { EventBus } from './event-bus';
import type { TopicStep } from './topics-service';
import type { SentimentScorer } from '../sentiment/sentiment-tagger';
import type { KeywordStep } from './insights-service';
import type { QuestionStep } from './voids-service';

export interface TagResult {
  tags: Tag[];
  score: number;
  reasons: Reason[];
  /** The text as the tagger read it (normalised), so claim matching need not normalise it again. */
  normalised?: string;
}

export interface ItemTagger {
  tag(input: { title: string; body: string; kind: ItemKind }): TagResult;
}

// C0/C1 controls other than tab and newline never belong in text, and \u0001/\u0002 mark search hits.
// Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069) go too: an unclosed override
// in a title reverses what follows it ("芒果\u202Efdp.exe" shows as "芒果exe.pdf") and bleeds into
// the dashboard's own text on the same line. Marks (U+200E/200F) and ZWJ (emoji) stay.
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Crawled text as stored: line breaks normalised, control and bidi-override characters removed. */
export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '');
}

export interface ClaimStep {
  apply(text: string, tagged: TagResult): { tagged: TagResult; matches: MatchWrite[] };
  record(itemId: number, matches: MatchWrite[], seenAt: string): void;
}

/**
 * Normalise · dedup · cluster · tag · store. The crawler's items are validated again here: this is
 * the boundary where hostile input from the web enters the system of record.
 */
export function createIngestService(deps: {
  items: ItemsRepo;
  sources: SourcesRepo;
  tagger: ItemTagger;
  clusters: Pick<ClusterService, 'prepareBatch'>;
  /** The known-rumour library: matches change tags and are stored as sightings with the item. */
  claims?: ClaimStep;
  /** Positive / neutral / negative, stored with the item. */
  sentiment?: SentimentScorer;
  /** Questions the public asks, for information voids. */
  questions?: QuestionStep;
  /** Keywords counted per hour, for hot words. */
  keywords?: KeywordStep;
  /** Monitoring topics: each stored item joins the topics whose rules it meets. */
  topics?: TopicStep;
  events?: EventBus;
  /** Tells the dashboards (the 'items' event, see items-announcer.ts); without it, 'items' is emitted at once. */
  announce?: (newItems: number) => void;
  onStored?: () => void;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  return {
    ingest(batch: unknown[]): IngestResult {
      const collectedAt = now().toISOString();
      const prepared: NewItem[] = [];
      const matches: MatchWrite[][] = [];
      const topicIds: number[][] = [];
      const words: string[][] = [];
      const asked: string[][] = [];
      const errors: FieldError[] = [];
      // A batch nearly always comes from one source: look its kind up once, not per item.
      const kinds = new Map<string, ItemKind | null>();
      batch.forEach((raw, i) => {
        const parsed = RawItemSchema.safeParse(raw);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) errors.push({ ...fieldErrorOf(issue, ''), path: `items[${i}].${issue.path.join('.')}` });
          return;
        }
        const it: RawItem = parsed.data;
        let kind = kinds.get(it.sourceId);
        if (kind === undefined) kinds.set(it.sourceId, (kind = deps.sources.getSourceKind(it.sourceId)));
        if (!kind) {
          errors.push({ path: `items[${i}].sourceId`, message: `unknown source "${it.sourceId}"` });
          return;
        }
        const title = cleanText(it.title).trim();
        const body = cleanText(it.body).trim();
        const publishedAt = it.publishedAt ? toUtcIso(it.publishedAt) : null;
        // A "published" time in the future is a parsing or clock error; the collection time is the truth then.
        const sortAt = publishedAt && publishedAt <= collectedAt ? publishedAt : collectedAt;
        let tagged = deps.tagger.tag({ title, body, kind });
        if (deps.claims) {
          const matched = deps.claims.apply(`${title}\n${body}`, tagged);
          tagged = matched.tagged;
          matches[prepared.length] = matched.matches;
        }
        if (deps.questions) asked[prepared.length] = deps.questions.extract({ title, body, kind });
        if (deps.keywords) words[prepared.length] = deps.keywords.extract({ title, body, normalised: tagged.normalised });
        if (deps.topics) {
          topicIds[prepared.length] = deps.topics.match({ title, body, normalised: tagged.normalised, sourceId: it.sourceId, kind });
        }
        prepared.push({
          sourceId: it.sourceId,
          kind,
          url: it.url,
          title,
          body,
          author: it.author === null ? null : cleanText(it.author).trim() || null,
          contentHash: it.contentHash,
          publishedAt,
          publishedPrecision: publishedAt ? (it.publishedPrecision ?? null) : null,
          collectedAt,
          sortAt,
          day: shanghaiDay(sortAt),
          tags: tagged.tags,
          score: Math.min(1, Math.max(0, tagged.score)),
          reasons: tagged.reasons,
          sentiment: deps.sentiment?.score({ title, body, normalised: tagged.normalised }) ?? null,
        });
      });
      // All or nothing: a batch with an invalid item is refused whole, naming every bad field.
      if (errors.length) throw new ValidationError(`${errors.length} invalid field(s) in the ingest batch`, errors);
      // Reposts with small edits join the cluster of the earlier item they repeat, in the insert
      // transaction; the in-memory index learns the new items only once that transaction committed.
      const placement = deps.clusters.prepareBatch(prepared);
      const ids = deps.items.insertMany(prepared, (id, at) => {
        placement.place(id, at);
        const found = matches[at];
        if (found?.length) deps.claims!.record(id, found, prepared[at]!.sortAt);
        const joined = topicIds[at];
        if (joined?.length) deps.topics!.record(id, joined, prepared[at]!.sortAt);
        const itemWords = words[at];
        if (itemWords?.length) deps.keywords!.record(itemWords, prepared[at]!.sortAt);
        const itemQuestions = asked[at];
        if (itemQuestions?.length) deps.questions!.record(id, itemQuestions, prepared[at]!.sortAt);
      });
      placement.commit();
      const result = { new: ids.length, duplicate: prepared.length - ids.length };
      if (ids.length) {
        deps.events?.emit('items-stored', { new: ids.length });
        if (deps.announce) deps.announce(ids.length);
        else deps.events?.emit('items', { new: ids.length });
        deps.onStored?.();
      }
      return result;
    },

    filterUnknownUrls(urls: string[]): string[] {
      return deps.items.filterUnknownUrls(urls);
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
