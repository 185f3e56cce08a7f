import type { Item, ItemKind, Reason, Tag, Verdict } from '../contracts/item';

/** The joined row shape every item query selects (see ITEM_COLUMNS). */
export interface ItemRow {
  id: number;
  source_id: string;
  source_name: string;
  kind: ItemKind;
  url: string;
  title: string;
  body: string;
  published_at: string | null;
  published_precision: Item['publishedPrecision'];
  collected_at: string;
  sort_at: string;
  score: number;
  reasons_json: string;
  tags_csv: string | null;
  verdict: Verdict['verdict'] | null;
  reviewer: string | null;
  note: string | null;
  decided_at: string | null;
  cluster_id: number | null;
  cluster_size: number | null;
}

export const ITEM_COLUMNS = `
  i.id, i.source_id, s.name AS source_name, i.kind, i.url, i.title, i.body, i.published_at, i.published_precision,
  i.collected_at, i.sort_at, i.score, i.reasons_json,
  (SELECT group_concat(tag, ',') FROM item_tags t WHERE t.item_id = i.id) AS tags_csv,
  v.verdict, v.reviewer, v.note, v.decided_at,
  i.cluster_id, c.items + c.exact_reposts AS cluster_size`;

export const ITEM_FROM = `items i JOIN sources s ON s.id = i.source_id LEFT JOIN verdicts v ON v.item_id = i.id
  LEFT JOIN clusters c ON c.id = i.cluster_id`;

export function rowToItem(r: ItemRow): Item {
  return {
    id: r.id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    kind: r.kind,
    url: r.url,
    title: r.title,
    body: r.body,
    publishedAt: r.published_at,
    publishedPrecision: r.published_at ? r.published_precision : null,
    collectedAt: r.collected_at,
    tags: r.tags_csv ? (r.tags_csv.split(',').sort() as Tag[]) : [],
    score: r.score,
    reasons: JSON.parse(r.reasons_json) as Reason[],
    verdict:
      r.verdict && r.reviewer && r.decided_at
        ? { verdict: r.verdict, reviewer: r.reviewer, note: r.note, decidedAt: r.decided_at }
        : null,
    // Every stored item has a cluster (set in its insert transaction); the fallbacks only keep a
    // row written by some other path readable as a cluster of one.
    clusterId: r.cluster_id ?? r.id,
    clusterSize: Math.max(1, r.cluster_size ?? 1),
  };
}
