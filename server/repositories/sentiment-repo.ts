import type { ScoredSentiment, SentimentLabel, SentimentSource } from '../contracts/item';
import type { Db } from '../db/open-database';
import { prepareEnqueue } from './outbox-repo';

interface CurrentRow {
  id: number;
  title: string;
  body: string;
  cluster_id: number | null;
  sentiment: SentimentLabel | null;
  sentiment_source: SentimentSource | null;
}

/** Text kept with a correction, for training: what the scorer reads (title and the start of the body). */
const EXAMPLE_CHARS = 2_000;

/** Item sentiment: analysts' corrections (audited, kept as training examples) and re-scoring. */
export function createSentimentRepo(db: Db) {
  const current = db.prepare('SELECT id, title, body, cluster_id, sentiment, sentiment_source FROM items WHERE id = ?');
  const setAnalyst = db.prepare(
    `UPDATE items SET sentiment = ?, sentiment_confidence = 1, sentiment_source = 'analyst', sentiment_actor = ? WHERE id = ?`,
  );
  const copies = db.prepare(
    `SELECT id, sentiment, sentiment_source FROM items WHERE cluster_id = ? AND id != ? AND (sentiment_source IS NULL OR sentiment_source != 'analyst')`,
  );
  const audit = db.prepare(`INSERT INTO audit_log (entity, entity_id, action, actor, at, before_json, after_json)
    VALUES ('item', ?, 'sentiment', ?, ?, ?, ?)`);
  const example = db.prepare(`INSERT INTO sentiment_examples (item_id, label, text, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (item_id) DO UPDATE SET label = excluded.label, created_at = excluded.created_at`);
  const enqueue = prepareEnqueue(db);
  const rescore = db.prepare(
    `UPDATE items SET sentiment = ?, sentiment_confidence = ?, sentiment_source = ? WHERE id = ?
       AND (sentiment_source IS NULL OR sentiment_source != 'analyst')
       AND (sentiment IS NOT ? OR sentiment_confidence IS NOT ? OR sentiment_source IS NOT ?)`,
  );

  const state = (label: SentimentLabel | null, source: SentimentSource | null) => JSON.stringify({ sentiment: label, source });

  return {
    /**
     * An analyst's label for an item, applied also to the copies in its near-duplicate cluster that
     * no analyst labelled (reposts of one text feel the same). Returns the ids changed, or null when
     * the item does not exist.
     */
    correct: db.transaction((itemId: number, label: SentimentLabel, actor: string, at: string): number[] | null => {
      const row = current.get(itemId) as CurrentRow | undefined;
      if (!row) return null;
      const targets: { id: number; sentiment: SentimentLabel | null; sentiment_source: SentimentSource | null }[] = [row];
      if (row.cluster_id !== null) targets.push(...(copies.all(row.cluster_id, itemId) as typeof targets));
      for (const t of targets) {
        setAnalyst.run(label, actor, t.id);
        audit.run(t.id, actor, at, state(t.sentiment, t.sentiment_source), state(label, 'analyst'));
        enqueue.run(t.id, at);
      }
      example.run(itemId, label, `${row.title}\n${row.body}`.slice(0, EXAMPLE_CHARS), at);
      return targets.map((t) => t.id);
    }),

    /** A classifier's label (re-scoring); never overwrites an analyst's. True when it changed. */
    rescore(itemId: number, s: ScoredSentiment, at: string): boolean {
      const changed = rescore.run(s.label, s.confidence, s.source, itemId, s.label, s.confidence, s.source).changes > 0;
      if (changed) enqueue.run(itemId, at);
      return changed;
    },

    examples(): { text: string; label: SentimentLabel }[] {
      return db.prepare('SELECT text, label FROM sentiment_examples ORDER BY item_id').all() as { text: string; label: SentimentLabel }[];
    },
  };
}

export type SentimentRepo = ReturnType<typeof createSentimentRepo>;
