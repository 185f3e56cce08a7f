-- Monitoring topics (专题): keyword rules an analyst saves; items are matched at ingest and, when a
-- topic is created or changed, retroactively by a background job (matched_at is null meanwhile).
CREATE TABLE topics (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  description      TEXT,
  include_all_json TEXT NOT NULL DEFAULT '[]',
  include_any_json TEXT NOT NULL DEFAULT '[]',
  exclude_json     TEXT NOT NULL DEFAULT '[]',
  source_ids_json  TEXT NOT NULL DEFAULT '[]',
  kinds_json       TEXT NOT NULL DEFAULT '[]',
  created_by       TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  matched_at       TEXT
);

-- sort_at is copied from the item so that a topic's volume over a period is read from this
-- table's index alone.
CREATE TABLE item_topics (
  topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  sort_at  TEXT NOT NULL,
  PRIMARY KEY (topic_id, item_id)
) WITHOUT ROWID;
CREATE INDEX item_topics_item ON item_topics (item_id);
CREATE INDEX item_topics_topic_sort ON item_topics (topic_id, sort_at);
