import type { Db } from '../db/open-database';
import type { LabelledText } from '../tagging/classifier/model';

/** Verdicts kept as training examples; a later verdict on the same item replaces the earlier one. */
export function createExamplesRepo(db: Db, now: () => Date = () => new Date()) {
  const upsert = db.prepare(`INSERT INTO training_examples (item_id, label, text, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (item_id) DO UPDATE SET label = excluded.label, text = excluded.text, created_at = excluded.created_at`);
  return {
    add: db.transaction((rows: { itemId: number; text: string; label: LabelledText['label'] }[]) => {
      const at = now().toISOString();
      for (const r of rows) upsert.run(r.itemId, r.label, r.text, at);
    }),
    all(): LabelledText[] {
      return db.prepare('SELECT text, label FROM training_examples ORDER BY item_id').all() as LabelledText[];
    },
    counts(): { rumor: number; nonRumor: number } {
      const r = db
        .prepare(`SELECT sum(label = 'rumor') AS rumor, sum(label = 'non-rumor') AS nonRumor FROM training_examples`)
        .get() as { rumor: number | null; nonRumor: number | null };
      return { rumor: r.rumor ?? 0, nonRumor: r.nonRumor ?? 0 };
    },
  };
}
