import type { Item } from '../contracts/item';
import type { ItemsRepo } from '../repositories/items-repo';
import type { MatchWrite } from '../repositories/library-repo';
import type { ClaimStep, ItemTagger } from './ingest-service';
import type { JobRunner } from './job-runner';
import type { ScoredSentiment } from '../contracts/item';
import type { SentimentScorer } from '../sentiment/sentiment-tagger';

const PAGE = 200;

function sameMatches(item: Item, matches: MatchWrite[]): boolean {
  const current = item.libraryLinks
    .filter((l) => l.kind !== 'manual')
    .map((l) => `${l.libraryId}:${l.kind}:${l.similarity}`)
    .sort();
  const next = matches.map((m) => `${m.libraryId}:${m.kind}:${m.similarity}`).sort();
  return current.join('|') === next.join('|');
}

/**
 * Re-tags every stored item in the background when what tagging depends on changed (a library
 * entry added, edited or merged; a new model): tags, score, reasons and library links are
 * recomputed, and sentiment unless an analyst set it; only items that actually changed are written and re-indexed. Verdicts are untouched.
 */
export function createRetagService(deps: {
  items: Pick<ItemsRepo, 'getItemsByIds' | 'updateTagging' | 'countItems' | 'iterateIds'>;
  library: { replaceMatches(itemId: number, matches: MatchWrite[], seenAt: string): void };
  tagger: () => ItemTagger;
  claims: () => ClaimStep | null;
  /** Sentiment is re-scored too (an analyst's label is kept). */
  sentiment?: { scorer: () => SentimentScorer; rescore(itemId: number, s: ScoredSentiment, at: string): boolean };
  runner: JobRunner;
  onChanged?: () => void;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  function retagOne(item: Item, tagger: ItemTagger, claims: ClaimStep | null, sentiment: SentimentScorer | null, at: string): boolean {
    let tagged = tagger.tag({ title: item.title, body: item.body, kind: item.kind });
    let sentimentChanged = false;
    if (sentiment && item.sentiment?.source !== 'analyst') {
      sentimentChanged = deps.sentiment!.rescore(item.id, sentiment.score({ title: item.title, body: item.body, normalised: tagged.normalised }), at);
    }
    let matches: MatchWrite[] = [];
    if (claims) ({ tagged, matches } = claims.apply(`${item.title}\n${item.body}`, tagged));
    const tagsChanged = deps.items.updateTagging(item.id, tagged, at);
    const linksChanged = !sameMatches(item, matches);
    if (linksChanged) deps.library.replaceMatches(item.id, matches, item.publishedAt ?? item.collectedAt);
    return tagsChanged || linksChanged || sentimentChanged;
  }

  return {
    request(reason: string) {
      return deps.runner.request('retag', reason, () => {
        const pages = deps.items.iterateIds(PAGE);
        const tagger = deps.tagger();
        const claims = deps.claims();
        const sentiment = deps.sentiment?.scorer() ?? null;
        let changedSinceKick = 0;
        return {
          total: deps.items.countItems(),
          step(job) {
            const next = pages.next();
            if (next.done) {
              if (changedSinceKick) deps.onChanged?.();
              return false;
            }
            const at = now().toISOString();
            for (const item of deps.items.getItemsByIds(next.value)) {
              if (retagOne(item, tagger, claims, sentiment, at)) {
                job.changed++;
                changedSinceKick++;
              }
            }
            job.done = Math.min(job.total, job.done + next.value.length);
            if (changedSinceKick >= 1_000) {
              deps.onChanged?.();
              changedSinceKick = 0;
            }
            return true;
          },
        };
      });
    },
  };
}

export type RetagService = ReturnType<typeof createRetagService>;
