import type { Item, ItemKind, LibraryLink, Reason, ReviewStatus, SentimentLabel, SentimentSource, Tag, Verdict } from '../contracts/item';

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
  status: 'new' | Verdict['verdict'] | null;
  decided_by: string | null;
  note: string | null;
  decided_at: string | null;
  duplicate_of: number | null;
  library_id: number | null;
  claimed_by: string | null;
  claim_expires_at: string | null;
  links_json: string | null;
  cluster_id: number | null;
  cluster_size: number | null;
  sentiment: SentimentLabel | null;
  sentiment_confidence: number | null;
  sentiment_source: SentimentSource | null;
  sentiment_actor: string | null;
  topics_json: string | null;
}

export const ITEM_COLUMNS = `
  i.id, i.source_id, s.name AS source_name, i.kind, i.url, i.title, i.body, i.published_at, i.published_precision,
  i.collected_at, i.sort_at, i.score, i.reasons_json,
  (SELECT group_concat(tag, ',') FROM item_tags t WHERE t.item_id = i.id) AS tags_csv,
  r.status, r.decided_by, r.note, r.decided_at, r.duplicate_of, r.library_id, r.claimed_by, r.claim_expires_at,
  (SELECT json_group_array(json_object('libraryId', ls.library_id, 'claim', substr(l.claim, 1, 200), 'kind', ls.kind,
     'similarity', ls.similarity))
   FROM library_sightings ls JOIN rumour_library l ON l.id = ls.library_id WHERE ls.item_id = i.id) AS links_json,
  i.cluster_id, c.items + c.exact_reposts AS cluster_size,
  i.sentiment, i.sentiment_confidence, i.sentiment_source, i.sentiment_actor,
  (SELECT json_group_array(json_object('id', tp.id, 'name', tp.name))
   FROM item_topics it JOIN topics tp ON tp.id = it.topic_id WHERE it.item_id = i.id) AS topics_json`;

export const ITEM_FROM = `items i JOIN sources s ON s.id = i.source_id LEFT JOIN reviews r ON r.item_id = i.id
  LEFT JOIN clusters c ON c.id = i.cluster_id`;

/** An item's verdict, if an editor decided one ('new' rows only carry a claim). */
function verdictOf(r: ItemRow): Verdict | null {
  if (!r.status || r.status === 'new' || !r.decided_by || !r.decided_at) return null;
  return {
    verdict: r.status,
    reviewer: r.decided_by,
    note: r.note,
    decidedAt: r.decided_at,
    duplicateOf: r.duplicate_of,
    libraryId: r.library_id,
  };
}

const LINK_ORDER: Record<LibraryLink['kind'], number> = { manual: 0, confirmed: 1, rebuttal: 2, suggested: 3 };

function linksOf(json: string | null): LibraryLink[] {
  const links = json ? (JSON.parse(json) as LibraryLink[]) : [];
  return links.sort((a, b) => LINK_ORDER[a.kind] - LINK_ORDER[b.kind] || b.similarity - a.similarity);
}

/** nowIso decides whether a claim still holds (claims lapse by time, nothing has to clear them). */
export function rowToItem(r: ItemRow, nowIso = new Date().toISOString()): Item {
  const verdict = verdictOf(r);
  const claim =
    r.claimed_by && r.claim_expires_at && r.claim_expires_at > nowIso ? { by: r.claimed_by, expiresAt: r.claim_expires_at } : null;
  const status: ReviewStatus = verdict ? verdict.verdict : claim ? 'in-progress' : 'new';
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
    status,
    verdict,
    claim,
    libraryLinks: linksOf(r.links_json),
    // Every stored item has a cluster (set in its insert transaction); the fallbacks only keep a
    // row written by some other path readable as a cluster of one.
    clusterId: r.cluster_id ?? r.id,
    clusterSize: Math.max(1, r.cluster_size ?? 1),
    sentiment:
      r.sentiment && r.sentiment_source
        ? { label: r.sentiment, confidence: r.sentiment_confidence ?? 0, source: r.sentiment_source, actor: r.sentiment_actor }
        : null,
    topics: r.topics_json ? (JSON.parse(r.topics_json) as { id: number; name: string }[]).sort((a, b) => a.name.localeCompare(b.name, 'zh')) : [],
  };
}
