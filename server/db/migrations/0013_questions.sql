-- Questions the public asks in posts (哪里可以…, 是不是…, 什么时候…), extracted at ingest in the
-- insert transaction. Information voids group them over a window on request, so the table is keyed
-- by sort_at (copied from the item): a window is one range scan of this small table, whatever the
-- number of items.
CREATE TABLE item_questions (
  sort_at  TEXT NOT NULL,
  item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  seq      INTEGER NOT NULL,   -- order of the question in its item
  question TEXT NOT NULL,      -- as shown: cleaned, at most 60 characters, ending in ？
  PRIMARY KEY (sort_at, item_id, seq)
) WITHOUT ROWID;
CREATE INDEX item_questions_item ON item_questions (item_id);
