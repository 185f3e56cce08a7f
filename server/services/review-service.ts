import type { Calibration } from '../contracts/calibration';
import type { Item, Reason } from '../contracts/item';
import type {
  AuditEntry,
  ClaimBody,
  ClusterVerdictBody,
  ClusterVerdictResult,
  EvidenceItem,
  ReviewQueueQuery,
  ReviewQueuePage,
  VerdictBody,
} from '../contracts/review';
import { ConflictError, NotFoundError, fieldFailures } from '../errors';
import type { ItemsRepo } from '../repositories/items-repo';
import type { ReviewQueueRepo } from '../repositories/review-queue-repo';
import type { ReviewsRepo, ReviewRow } from '../repositories/reviews-repo';
import { parseBounds } from './date-bounds';
import { rankEvidence, type EvidenceCandidate } from '../nlp/evidence-rank';
import { calibrate } from './calibration';
import type { EventBus } from './event-bus';
import { summarise } from './items-service';
import type { LibraryService } from './library-service';

export const DEFAULT_CLAIM_MINUTES = 15;
/** Evidence is looked for among the past year's notices and rebuttals, the newest this many. */
const EVIDENCE_DAYS = 365;
const EVIDENCE_POOL = 3_000;

/** A verdict an editor gave, as the classifier learns from it. */
export interface LearnedVerdict {
  itemId: number;
  label: 'rumor' | 'non-rumor';
}

function activeClaim(row: ReviewRow | undefined, nowIso: string): string | null {
  return row?.claimed_by && row.claim_expires_at && row.claim_expires_at > nowIso ? row.claimed_by : null;
}

/**
 * The rumour desk: the queue, claims (one editor at a time, lapsing by themselves), verdicts single
 * and per cluster, each written with its audit entry; confirmed rumours go into the library.
 */
export function createReviewService(deps: {
  items: ItemsRepo;
  reviews: ReviewsRepo;
  queue: ReviewQueueRepo;
  library: Pick<LibraryService, 'insertEntry' | 'indexEntry' | 'exists'>;
  events?: EventBus;
  onChanged?: () => void;
  /** Verdicts that teach the classifier (confirmed → rumour, not a rumour → non-rumour). */
  onLearn?: (verdicts: LearnedVerdict[]) => void;
  claimMinutes?: number;
  /** normaliseText, for ranking evidence the way the tagger reads text. */
  normalise?: (s: string) => string;
  now?: () => Date;
}) {
  const normalise = deps.normalise ?? ((s: string) => s);
  const now = deps.now ?? (() => new Date());
  const claimMs = (deps.claimMinutes ?? DEFAULT_CLAIM_MINUTES) * 60_000;

  function mustGet(id: number): Item {
    const item = deps.items.getItem(id);
    if (!item) throw new NotFoundError('item', id);
    return item;
  }

  function refuseIfClaimedByOther(id: number, editor: string, nowIso: string): void {
    const holder = activeClaim(deps.reviews.getRow(id), nowIso);
    if (holder && holder !== editor) {
      const until = deps.reviews.getRow(id)!.claim_expires_at!;
      throw new ConflictError(`item ${id} is being reviewed by ${holder} until ${until}`, 'claimed', { id, holder, until });
    }
  }

  function learnFrom(ids: number[], verdict: string): void {
    if (verdict !== 'confirmed-rumor' && verdict !== 'not-rumor') return;
    deps.onLearn?.(ids.map((itemId) => ({ itemId, label: verdict === 'confirmed-rumor' ? 'rumor' : 'non-rumor' })));
  }

  function changed(ids: number[]): void {
    for (const itemId of ids) deps.events?.emit('verdict', { itemId });
    deps.onChanged?.();
  }

  return {
    queue(q: ReviewQueueQuery): ReviewQueuePage {
      const { fromIso, toIso } = parseBounds(q.from, q.to);
      const nowIso = now().toISOString();
      const { hits, total } = deps.queue.list(
        { status: q.status, sourceId: q.source, tag: q.tag, topicId: q.topic, fromIso, toIso },
        q.sort,
        q.pageSize,
        (q.page - 1) * q.pageSize,
        nowIso,
      );
      const byId = new Map(deps.items.getItemsByIds(hits.map((h) => h.id)).map((it) => [it.id, it]));
      const items = hits.flatMap((h) => {
        const it = byId.get(h.id);
        return it ? [{ ...summarise(it, null), priority: h.priority, clusterGrowth24h: h.growth24h, clusterInQueue: h.inQueue }] : [];
      });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },

    claim(id: number, body: ClaimBody): Item {
      mustGet(id);
      const at = now();
      const nowIso = at.toISOString();
      refuseIfClaimedByOther(id, body.editor, nowIso);
      const row = deps.reviews.getRow(id);
      if (row && row.status !== 'new' && row.status !== 'needs-verification') {
        throw new ConflictError(`item ${id} is already decided (${row.status}); change the verdict instead`, 'already_decided', { id, status: row.status });
      }
      deps.reviews.setClaim(id, body.editor, new Date(at.getTime() + claimMs).toISOString(), nowIso);
      changed([id]);
      return mustGet(id);
    },

    release(id: number, body: ClaimBody): Item {
      mustGet(id);
      const nowIso = now().toISOString();
      refuseIfClaimedByOther(id, body.editor, nowIso);
      deps.reviews.releaseClaim(id, body.editor, nowIso);
      changed([id]);
      return mustGet(id);
    },

    recordVerdict(id: number, body: VerdictBody): Item {
      const item = mustGet(id);
      const nowIso = now().toISOString();
      refuseIfClaimedByOther(id, body.reviewer, nowIso);
      if (body.duplicateOf !== undefined) {
        if (body.duplicateOf === id) throw fieldFailures.selfReference('duplicateOf', 'item');
        if (!deps.items.getItem(body.duplicateOf)) {
          throw fieldFailures.unknown('duplicateOf', 'item', body.duplicateOf);
        }
      }
      if (body.libraryId !== undefined && !deps.library.exists(body.libraryId)) {
        throw fieldFailures.unknown('libraryId', 'library-entry', body.libraryId);
      }
      // Confirming a known rumour's copy links it to that entry without the editor having to.
      const matched = item.libraryLinks.find((l) => l.kind === 'confirmed' || l.kind === 'manual');
      let created: number | null = null;
      deps.reviews.transaction(() => {
        let libraryId = body.libraryId ?? (body.verdict === 'confirmed-rumor' ? (matched?.libraryId ?? null) : null);
        if (body.addToLibrary) {
          created = deps.library.insertEntry(
            { ...body.addToLibrary, fromItemId: id, actor: body.reviewer },
            nowIso,
          );
          libraryId = created;
        }
        deps.reviews.setVerdict(
          id,
          { status: body.verdict, note: body.note?.trim() || null, duplicateOf: body.duplicateOf ?? null, libraryId },
          body.reviewer,
          nowIso,
        );
      });
      if (created !== null) deps.library.indexEntry(created);
      learnFrom([id], body.verdict);
      changed([id]);
      return mustGet(id);
    },

    /** One verdict for the undecided copies of a cluster; decided or otherwise claimed ones are left. */
    recordClusterVerdict(clusterId: number, body: ClusterVerdictBody): ClusterVerdictResult {
      const members = deps.reviews.clusterMembers(clusterId);
      if (members.length === 0) throw new NotFoundError('cluster', clusterId);
      if (body.libraryId !== undefined && !deps.library.exists(body.libraryId)) {
        throw fieldFailures.unknown('libraryId', 'library-entry', body.libraryId);
      }
      const nowIso = now().toISOString();
      const updated: number[] = [];
      const skipped: ClusterVerdictResult['skipped'] = [];
      deps.reviews.transaction(() => {
        for (const id of members) {
          const row = deps.reviews.getRow(id);
          const holder = activeClaim(row, nowIso);
          if (holder && holder !== body.reviewer) skipped.push({ id, reason: 'claimed' });
          else if (row && row.status !== 'new' && row.status !== 'needs-verification') skipped.push({ id, reason: 'decided' });
          else {
            deps.reviews.setVerdict(
              id,
              { status: body.verdict, note: body.note?.trim() || null, duplicateOf: null, libraryId: body.libraryId ?? null },
              body.reviewer,
              nowIso,
              'cluster-verdict',
            );
            updated.push(id);
          }
        }
      });
      learnFrom(updated, body.verdict);
      changed(updated);
      return { clusterId, updated, skipped };
    },

    calibration(): Calibration {
      return calibrate(
        deps.reviews.decidedRows().map((r) => ({
          score: r.score,
          reasons: JSON.parse(r.reasons_json) as Reason[],
          sourceId: r.source_id,
          sourceName: r.source_name,
          confirmed: r.status === 'confirmed-rumor',
          decidedAt: r.decided_at,
        })),
      );
    },

    /** The district's own notices and rebuttals that may answer this item, best first (draft evidence). */
    evidence(id: number): EvidenceItem[] {
      const item = mustGet(id);
      const since = new Date(now().getTime() - EVIDENCE_DAYS * 86_400_000).toISOString();
      const { items, records } = deps.reviews.evidencePool(id, since, EVIDENCE_POOL);
      const candidates: EvidenceCandidate<Omit<EvidenceItem, 'score' | 'phrases'>>[] = [
        ...items.map((r) => ({
          ref: { itemId: r.id, rebuttalId: null, title: r.title, url: r.url, sourceName: r.source_name, publishedAt: r.sort_at },
          text: normalise(`${r.title}\n${r.body}`),
        })),
        ...records.map((r) => ({
          ref: { itemId: null, rebuttalId: r.id, title: r.title, url: r.url, sourceName: '辟谣记录', publishedAt: r.published_at },
          text: normalise(`${r.title}\n${r.text}`),
        })),
      ];
      return rankEvidence(normalise(`${item.title}\n${item.body.slice(0, 1_000)}`), candidates).map((r) => ({ ...r.ref, score: r.score, phrases: r.phrases }));
    },

    history(id: number): AuditEntry[] {
      mustGet(id);
      return deps.reviews.listAudit('item', id);
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
