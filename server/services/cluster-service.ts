import type { ItemCluster } from '../contracts/cluster';
import { NotFoundError } from '../errors';
import {
  createNearDuplicateIndex,
  decodeSignature,
  encodeSignature,
  signatureScheme,
  type NearDuplicateIndex,
  type NearDuplicateMatch,
  type Signature,
} from '../nlp/near-duplicate';
import type { PlaceInCluster } from '../repositories/items-repo';
import type { ClustersRepo } from '../repositories/clusters-repo';


/**
 * The index forgets its oldest entries beyond this many (~1.3 KB each, ~65 MiB in all): reposts of
 * a story come within days, and this is weeks of a district's items.
 */
export const INDEX_MAX_ITEMS = 50_000;
const BACKFILL_PAGE = 500;

/** What is compared: title and body together, as a reader sees the post. */
export function clusterText(item: { title: string; body: string }): string {
  return `${item.title}\n${item.body}`;
}

const EMPTY = new Uint8Array(0);

function best(matches: NearDuplicateMatch[]): NearDuplicateMatch | undefined {
  return matches.sort((x, y) => y.similarity - x.similarity || x.id - y.id)[0];
}

/**
 * Near-duplicate clustering around the pure MinHash index: signs items before their insert
 * transaction, places them inside it, and adds them to the in-memory index only once it committed.
 */
export function createClusterService(deps: { clusters: ClustersRepo; maxItems?: number }) {
  const maxItems = deps.maxItems ?? INDEX_MAX_ITEMS;
  const index: NearDuplicateIndex = createNearDuplicateIndex({ maxItems });
  const scheme = signatureScheme(index.params);

  return {
    index,

    /**
     * Signs a batch (CPU work, kept out of the write transaction) and returns the callback that
     * places each stored item inside it, plus commit() to call after the transaction succeeded.
     * Items of the same batch see each other through a staging index, so nothing reaches the
     * shared index unless it was stored.
     */
    prepareBatch(items: { title: string; body: string }[]): { place: PlaceInCluster; commit(): void } {
      const signatures = items.map((it) => index.signature(clusterText(it)));
      const staged = createNearDuplicateIndex({ ...index.params, expectedItems: items.length });
      const placed: [number, Signature][] = [];
      return {
        place(id, at) {
          const sig = signatures[at] ?? null;
          const similar = sig ? best([...index.findSimilar(sig), ...staged.findSimilar(sig)]) : undefined;
          deps.clusters.joinCluster(id, similar?.id ?? null);
          deps.clusters.saveSignature(id, scheme, sig ? encodeSignature(sig) : EMPTY);
          if (sig) {
            staged.add(id, sig);
            placed.push([id, sig]);
          }
        },
        commit() {
          for (const [id, sig] of placed) index.add(id, sig);
        },
      };
    },

    /**
     * Start-up, over the window of the newest `maxItems` items (what the index can hold): drops the
     * signatures of older items, loads the window's stored signatures, then signs the window's
     * items that have none under the current scheme. Items never signed (stored before clustering
     * existed) are also clustered, in id order, against the items before them; items signed under
     * an older scheme only get a fresh signature and keep their cluster.
     */
    rebuild(): { indexed: number; signed: number; joined: number; pruned: number } {
      const from = deps.clusters.windowStart(maxItems);
      const pruned = deps.clusters.pruneSignatures(from);
      const k = index.params.bands * index.params.rows;
      let indexed = 0;
      for (const row of deps.clusters.iterateSignatures(scheme, from)) {
        const sig = decodeSignature(row.signature);
        // The scheme fixes the length; a damaged blob is skipped (and that item not indexed).
        if (sig?.length === k && index.add(row.itemId, sig)) indexed++;
      }
      let signed = 0;
      let joined = 0;
      for (let after = from - 1; ; ) {
        const page = deps.clusters.listUnsigned(scheme, after, BACKFILL_PAGE);
        if (page.length === 0) break;
        deps.clusters.transaction(() => {
          for (const row of page) {
            const sig = index.signature(clusterText(row));
            if (sig && !row.stale) {
              const similar = best(index.findSimilar(sig, { before: row.id }));
              if (similar) {
                deps.clusters.joinCluster(row.id, similar.id);
                joined++;
              }
            }
            deps.clusters.saveSignature(row.id, scheme, sig ? encodeSignature(sig) : EMPTY);
            if (sig) index.add(row.id, sig);
            signed++;
          }
        });
        after = page[page.length - 1]!.id;
      }
      return { indexed, signed, joined, pruned };
    },

    /** The cluster of an item: members oldest first with their exact reposts, and counts per day. */
    getCluster(itemId: number, limit: number): ItemCluster {
      const found = deps.clusters.clusterOfItem(itemId);
      if (found === undefined) throw new NotFoundError('item', itemId);
      const clusterId = found ?? itemId;
      const counts = deps.clusters.getCounts(clusterId);
      if (!counts) throw new NotFoundError('cluster', clusterId);
      const rows = deps.clusters.listMembers(clusterId, limit);
      const reposts = deps.clusters.listExactReposts(clusterId, rows.map((r) => r.id), limit);
      const byItem = new Map<number, ItemCluster['members'][number]['exactReposts']>();
      for (const { itemId: of, ...repost } of reposts) {
        const list = byItem.get(of) ?? [];
        list.push(repost);
        byItem.set(of, list);
      }
      let cumulative = 0;
      const perDay = deps.clusters.countByDay(clusterId).map((d) => {
        const total = d.items + d.exactReposts;
        cumulative += total;
        return { ...d, total, cumulative };
      });
      return {
        clusterId,
        size: counts.items + counts.exactReposts,
        items: counts.items,
        exactReposts: counts.exactReposts,
        firstSeenAt: counts.firstSeenAt,
        lastSeenAt: counts.lastSeenAt,
        members: rows.map((r) => ({ ...r, exactReposts: byItem.get(r.id) ?? [] })),
        truncated: rows.length < counts.items || reposts.length < counts.exactReposts,
        perDay,
      };
    },
  };
}

export type ClusterService = ReturnType<typeof createClusterService>;
