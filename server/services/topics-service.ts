import type { ItemKind } from '../contracts/item';
import type { Topic, TopicInput } from '../contracts/topic';
import { NotFoundError, nameTaken } from '../errors';
import { compileTopics, type TopicMatcher } from '../nlp/topic-matcher';
import type { TopicsRepo } from '../repositories/topics-repo';
import { MAX_ANALYSED_BODY_CHARS } from '../tagging/tagger';
import type { EventBus } from './event-bus';
import type { JobRunner } from './job-runner';

const PAGE = 500;
const DAY_MS = 86_400_000;

/** What ingest asks of topics: which topics an item joins, and storing that with the item. */
export interface TopicStep {
  /** `normalised`: the tagger's reading of title + body, reused when it covers the whole body. */
  match(item: { title: string; body: string; normalised?: string; sourceId: string; kind: ItemKind }): number[];
  record(itemId: number, topicIds: number[], sortAt: string): void;
}

/**
 * Monitoring topics: their rules, the compiled matcher ingest uses, and the background job that
 * re-matches stored items when a topic is created or its rules change (with progress, like re-tagging).
 */
export function createTopicsService(deps: {
  topics: TopicsRepo;
  items: { iterateIds(pageSize: number): Generator<number[]>; countItems(): number };
  runner: JobRunner;
  normalise: (s: string) => string;
  events?: EventBus;
  /** Item counts per topic (all, and since an instant); from the trend rollup in the server, recounted when not given. */
  counts?: (sinceIso: string) => Map<number, { total: number; recent: number }>;
  /** Memberships changed: the search index has work. */
  onChanged?: () => void;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  let matcher: TopicMatcher = compileTopics([], deps.normalise);
  /** Topics whose stored membership is stale; the next match job takes them all. */
  const dirty = new Set<number>();

  function recompile(): void {
    matcher = compileTopics(deps.topics.list(), deps.normalise);
  }

  function withCounts(defs: ReturnType<TopicsRepo['list']>, onlyId?: number): Topic[] {
    const since = new Date(now().getTime() - DAY_MS).toISOString();
    const counts = deps.counts ? deps.counts(since) : deps.topics.counts(since, onlyId);
    return defs.map((d) => ({ ...d, itemCount: counts.get(d.id)?.total ?? 0, last24h: counts.get(d.id)?.recent ?? 0 }));
  }

  function requestMatch(topicId: number, reason: string): void {
    dirty.add(topicId);
    deps.runner.request('topic-match', reason, () => {
      const ids = [...dirty].filter((id) => deps.topics.get(id) !== null);
      dirty.clear();
      const rules = ids.map((id) => deps.topics.get(id)!);
      const only = compileTopics(rules, deps.normalise);
      const pages = deps.items.iterateIds(PAGE);
      return {
        total: deps.items.countItems(),
        step(job) {
          const next = pages.next();
          if (next.done) {
            deps.topics.markMatched(ids, now().toISOString());
            if (job.changed > 0) deps.onChanged?.();
            deps.events?.emit('topics', { ids });
            return false;
          }
          const matches: { itemId: number; topicId: number; sortAt: string }[] = [];
          for (const row of deps.topics.matchRows(next.value)) {
            const text = deps.normalise(`${row.title}\n${row.body}`);
            for (const topicId of only.match({ text, sourceId: row.source_id, kind: row.kind })) {
              matches.push({ itemId: row.id, topicId, sortAt: row.sort_at });
            }
          }
          job.changed += deps.topics.replaceForItems(ids, next.value, matches, now().toISOString());
          job.done = Math.min(job.total, job.done + next.value.length);
          return true;
        },
      };
    });
  }

  function checkName(name: string, self: number | null): void {
    const holder = deps.topics.idByName(name);
    if (holder !== null && holder !== self) throw nameTaken('topic', name, `a topic named "${name}" already exists (#${holder})`);
  }

  const step: TopicStep = {
    match({ title, body, normalised, sourceId, kind }) {
      if (matcher.topicCount === 0) return [];
      const text = normalised !== undefined && body.length <= MAX_ANALYSED_BODY_CHARS ? normalised : deps.normalise(`${title}\n${body}`);
      return matcher.match({ text, sourceId, kind });
    },
    record: (itemId, topicIds, sortAt) => deps.topics.link(itemId, topicIds, sortAt),
  };

  return {
    step,
    /** Compiles the stored topics; call once at start-up. Topics left unmatched by a crash are matched again. */
    load(): number {
      recompile();
      for (const t of deps.topics.list()) if (t.matchedAt === null) requestMatch(t.id, `topic ${t.id} not fully matched`);
      return matcher.topicCount;
    },
    list(): Topic[] {
      return withCounts(deps.topics.list());
    },
    get(id: number): Topic {
      const def = deps.topics.get(id);
      if (!def) throw new NotFoundError('topic', id);
      return withCounts([def], id)[0]!;
    },
    name(id: number): string | null {
      return deps.topics.get(id)?.name ?? null;
    },
    create(input: TopicInput, actor: string): Topic {
      checkName(input.name, null);
      const id = deps.topics.create(input, actor, now().toISOString());
      recompile();
      requestMatch(id, `topic ${id} created`);
      return this.get(id);
    },
    update(id: number, input: TopicInput): Topic {
      if (!deps.topics.get(id)) throw new NotFoundError('topic', id);
      checkName(input.name, id);
      deps.topics.update(id, input, now().toISOString());
      recompile();
      requestMatch(id, `topic ${id} changed`);
      return this.get(id);
    },
    remove(id: number): void {
      if (!deps.topics.remove(id)) throw new NotFoundError('topic', id);
      dirty.delete(id);
      recompile();
    },
    topicsOf(itemId: number) {
      return deps.topics.topicsOf(itemId);
    },
  };
}

export type TopicsService = ReturnType<typeof createTopicsService>;
