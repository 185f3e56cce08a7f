import { z } from 'zod';

export const ExactRepost = z.object({
  url: z.string(),
  sourceId: z.string(),
  sourceName: z.string().nullable(),
  seenAt: z.string(),
});

export const ClusterMember = z.object({
  id: z.number().int(),
  title: z.string(),
  url: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  publishedAt: z.string().nullable(),
  collectedAt: z.string(),
  /** The same content seen under other URLs; each counts in the cluster's size. */
  exactReposts: z.array(ExactRepost),
});

export const ClusterDay = z.object({
  /** Asia/Shanghai day: of the member's published (else collected) time, of an exact repost's sighting. */
  day: z.string(),
  items: z.number().int(),
  exactReposts: z.number().int(),
  total: z.number().int(),
  /** The cluster's size at the end of that day: the growth curve. */
  cumulative: z.number().int(),
});

/** GET /api/items/{id}/cluster: the near-duplicate cluster an item belongs to. */
export const ItemCluster = z.object({
  clusterId: z.number().int(),
  /** Members plus exact reposts, as clusterSize on every item. */
  size: z.number().int(),
  items: z.number().int(),
  exactReposts: z.number().int(),
  /** Earliest published (else collected) time of a member. */
  firstSeenAt: z.string(),
  /** Latest such time, or the latest exact repost's sighting if later. */
  lastSeenAt: z.string(),
  /** Oldest first, at most `limit`, each with its exact reposts. */
  members: z.array(ClusterMember),
  /** More members or exact reposts exist than are listed; the counts and perDay cover all of them. */
  truncated: z.boolean(),
  /** Days with at least one member or exact repost, oldest first. */
  perDay: z.array(ClusterDay),
});
export type ItemCluster = z.infer<typeof ItemCluster>;
