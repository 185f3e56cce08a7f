import { z } from 'zod';
import { ItemSummary } from './api';
import { Tag, VerdictValue } from './item';
import { RumourCategory } from './library';
import { Actor } from './actor';


/** Queue views: 'pending' = not finally decided (new, in progress, needs verification). */
export const QueueStatus = z.enum([
  'pending',
  'new',
  'in-progress',
  'needs-verification',
  'confirmed-rumor',
  'not-rumor',
  'duplicate',
  'decided',
  'all',
]);
export type QueueStatus = z.infer<typeof QueueStatus>;

export const QueueSort = z.enum(['priority', 'score', 'spread', 'newest']);
export type QueueSort = z.infer<typeof QueueSort>;

export const ReviewQueueQuery = z.object({
  status: QueueStatus.default('pending'),
  source: z.string().max(64).optional(),
  tag: Tag.optional(),
  /** A monitoring topic's id: only its items. */
  topic: z.coerce.number().int().positive().optional(),
  /** YYYY-MM-DD (Asia/Shanghai, inclusive) or ISO instants, as on /api/items. */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  sort: QueueSort.default('priority'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>;

/** One queue row stands for its whole cluster of copies: the most urgent member, plus the count. */
export const QueueRow = ItemSummary.extend({
  /** Ordering key: score × spread × growth, decayed by age. */
  priority: z.number(),
  /** Cluster members that entered in the last 24 hours (growth). */
  clusterGrowth24h: z.number().int(),
  /** Members of the cluster that match the queue's filters (this row included). */
  clusterInQueue: z.number().int(),
});
export type QueueRow = z.infer<typeof QueueRow>;

export const ReviewQueuePage = z.object({
  items: z.array(QueueRow),
  /** Clusters (rows) matching, not items. */
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ReviewQueuePage = z.infer<typeof ReviewQueuePage>;

/** A new library entry made from the item being confirmed. */
export const LibraryFromVerdict = z.object({
  claim: z.string().trim().min(4).max(500),
  category: RumourCategory.default('other'),
  unit: z.string().trim().max(64).optional(),
});

export const VerdictBody = z
  .object({
    verdict: VerdictValue,
    reviewer: Actor,
    note: z.string().max(2_000).optional(),
    /** Required for 'duplicate'. */
    duplicateOf: z.number().int().positive().optional(),
    /** For 'confirmed-rumor': link to an existing library entry … */
    libraryId: z.number().int().positive().optional(),
    /** … or create one from this item. */
    addToLibrary: LibraryFromVerdict.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.verdict === 'needs-verification' && !b.note?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'say what needs verifying' });
    }
    if (b.verdict === 'duplicate' && b.duplicateOf === undefined) {
      ctx.addIssue({ code: 'custom', path: ['duplicateOf'], message: 'a duplicate needs the item it repeats' });
    }
    if (b.verdict !== 'duplicate' && b.duplicateOf !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['duplicateOf'], message: 'only a duplicate names an original' });
    }
    if (b.verdict !== 'confirmed-rumor' && (b.libraryId !== undefined || b.addToLibrary !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['libraryId'], message: 'only a confirmed rumour joins the library' });
    }
    if (b.libraryId !== undefined && b.addToLibrary !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['addToLibrary'], message: 'link an entry or create one, not both' });
    }
  });
export type VerdictBody = z.infer<typeof VerdictBody>;

/** A verdict for every undecided member of a cluster at once (the copies of one rumour). */
export const ClusterVerdictBody = z
  .object({
    verdict: z.enum(['confirmed-rumor', 'not-rumor', 'needs-verification']),
    reviewer: Actor,
    note: z.string().max(2_000).optional(),
    libraryId: z.number().int().positive().optional(),
  })
  .superRefine((b, ctx) => {
    if (b.verdict === 'needs-verification' && !b.note?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'say what needs verifying' });
    }
    if (b.verdict !== 'confirmed-rumor' && b.libraryId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['libraryId'], message: 'only a confirmed rumour joins the library' });
    }
  });
export type ClusterVerdictBody = z.infer<typeof ClusterVerdictBody>;

export const ClusterVerdictResult = z.object({
  clusterId: z.number().int(),
  /** Items that received the verdict. */
  updated: z.array(z.number().int()),
  /** Items left alone: already decided, or claimed by another editor. */
  skipped: z.array(z.object({ id: z.number().int(), reason: z.enum(['decided', 'claimed']) })),
});
export type ClusterVerdictResult = z.infer<typeof ClusterVerdictResult>;

export const ClaimBody = z.object({ editor: Actor });
export type ClaimBody = z.infer<typeof ClaimBody>;

export const AuditEntry = z.object({
  id: z.number().int(),
  entity: z.enum(['item', 'library', 'rebuttal']),
  entityId: z.number().int(),
  action: z.string(),
  actor: z.string(),
  at: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A notice or rebuttal of the district's own that may answer a suspected rumour (draft evidence). */
export const EvidenceItem = z.object({
  /** The item (an official notice or a crawled rebuttal), or null for a rebuttal record. */
  itemId: z.number().int().nullable(),
  rebuttalId: z.number().int().nullable(),
  title: z.string(),
  url: z.string().nullable(),
  sourceName: z.string(),
  publishedAt: z.string(),
  /** Weighted share of the suspect's words the evidence also contains. */
  score: z.number(),
  /** The shared stretches of text. */
  phrases: z.array(z.string()),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;
