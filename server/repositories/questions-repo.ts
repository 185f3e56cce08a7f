import type { Db } from '../db/open-database';

export interface QuestionRow {
  item_id: number;
  question: string;
  sort_at: string;
}

/** What may answer a question: a notice or rebuttal item, a rebuttal record, a library entry's rebuttal text. */
export interface AnswerRow {
  kind: 'item' | 'rebuttal' | 'library';
  id: number;
  title: string;
  /** The opening of the text (the answer is there), already cut by the query. */
  text: string;
  url: string | null;
  source_name: string;
  published_at: string;
}

/** Characters of an answer's text read: a notice answers in its opening paragraph; the pool is read per request. */
const ANSWER_TEXT_CHARS = 800;

/** The questions extracted from posts at ingest, and the notices and rebuttals that may answer them. */
export function createQuestionsRepo(db: Db) {
  const insert = db.prepare('INSERT OR IGNORE INTO item_questions (sort_at, item_id, seq, question) VALUES (?, ?, ?, ?)');
  const range = db.prepare(
    `SELECT item_id, question, sort_at FROM item_questions WHERE sort_at >= ? AND sort_at <= ?
     ORDER BY sort_at DESC, item_id DESC, seq LIMIT ?`,
  );
  // Two index paths rather than one OR: notices through their sources (CROSS JOIN keeps sources
  // outside, so items are read by items_source_sort), rebuttal items through their tag
  // (item_tags_tag). A filter on items.kind over the sort_at range would read every item of the
  // year, posts and all.
  const answerNotices = db.prepare(
    `SELECT 'item' AS kind, i.id, i.title, substr(i.body, 1, ${ANSWER_TEXT_CHARS}) AS text, i.url, s.name AS source_name, i.sort_at AS published_at
     FROM sources s CROSS JOIN items i INDEXED BY items_source_sort
     WHERE s.kind = 'notice' AND i.source_id = s.id AND i.sort_at >= ? AND i.sort_at <= ? AND i.kind = 'notice'
     ORDER BY i.sort_at DESC LIMIT ?`,
  );
  const answerTagged = db.prepare(
    `SELECT 'item' AS kind, i.id, i.title, substr(i.body, 1, ${ANSWER_TEXT_CHARS}) AS text, i.url, s.name AS source_name, i.sort_at AS published_at
     FROM item_tags t CROSS JOIN items i CROSS JOIN sources s
     WHERE t.tag = 'rebuttal' AND i.id = t.item_id AND s.id = i.source_id AND i.kind <> 'notice' AND i.sort_at >= ? AND i.sort_at <= ?
     ORDER BY i.sort_at DESC LIMIT ?`,
  );
  const answerRecords = db.prepare(
    `SELECT 'rebuttal' AS kind, id, title, substr(text, 1, ${ANSWER_TEXT_CHARS}) AS text, url, '辟谣记录' AS source_name, published_at
     FROM rebuttals WHERE published_at >= ? AND published_at <= ? ORDER BY published_at DESC LIMIT ?`,
  );
  // A library entry's rebuttal text counts from when the entry last changed (when the text was written, at the latest).
  const answerLibrary = db.prepare(
    `SELECT 'library' AS kind, id, claim AS title, substr(rebuttal_text, 1, ${ANSWER_TEXT_CHARS}) AS text, NULL AS url, '谣言库' AS source_name, updated_at AS published_at
     FROM rumour_library
     WHERE merged_into IS NULL AND rebuttal_text IS NOT NULL AND rebuttal_text <> '' AND updated_at >= ? AND updated_at <= ?
     ORDER BY updated_at DESC LIMIT ?`,
  );

  return {
    /** Called inside the item's insert transaction. */
    record(itemId: number, questions: readonly string[], sortAt: string): void {
      questions.forEach((q, seq) => insert.run(sortAt, itemId, seq, q));
    },
    /** Questions asked in [fromIso, toIso], newest first, at most `limit`. */
    range(fromIso: string, toIso: string, limit: number): QuestionRow[] {
      return range.all(fromIso, toIso, limit) as QuestionRow[];
    },
    /** Notices, rebuttal-tagged items, rebuttal records and library rebuttals of [fromIso, toIso], newest first, at most `limit` of each. */
    answers(fromIso: string, toIso: string, limit: number): AnswerRow[] {
      return [
        ...(answerNotices.all(fromIso, toIso, limit) as AnswerRow[]),
        ...(answerTagged.all(fromIso, toIso, limit) as AnswerRow[]),
        ...(answerRecords.all(fromIso, toIso, limit) as AnswerRow[]),
        ...(answerLibrary.all(fromIso, toIso, limit) as AnswerRow[]),
      ];
    },
  };
}

export type QuestionsRepo = ReturnType<typeof createQuestionsRepo>;
