-- Sources as configured; synced from the sources file at start-up. Items keep their source id forever.
CREATE TABLE sources (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('notice', 'news', 'post')),
  type        TEXT NOT NULL,
  url         TEXT NOT NULL,
  schedule    TEXT NOT NULL,
  enabled     INTEGER NOT NULL DEFAULT 1,
  config_json TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

CREATE TABLE items (
  id            INTEGER PRIMARY KEY,
  source_id     TEXT NOT NULL REFERENCES sources(id),
  kind          TEXT NOT NULL CHECK (kind IN ('notice', 'news', 'post')),
  url           TEXT NOT NULL UNIQUE,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  author        TEXT,
  content_hash  TEXT NOT NULL UNIQUE,
  published_at  TEXT,            -- UTC ISO, null when the page gave none
  collected_at  TEXT NOT NULL,   -- UTC ISO
  sort_at       TEXT NOT NULL,   -- published_at ?? collected_at, UTC ISO (sortable as text)
  day           TEXT NOT NULL,   -- Asia/Shanghai day of sort_at
  score         REAL NOT NULL DEFAULT 0,
  reasons_json  TEXT NOT NULL DEFAULT '[]',
  tagged_at     TEXT NOT NULL
);
CREATE INDEX items_sort_at ON items (sort_at DESC);
CREATE INDEX items_source_sort ON items (source_id, sort_at DESC);
CREATE INDEX items_day ON items (day);

CREATE TABLE item_tags (
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  tag     TEXT NOT NULL,
  PRIMARY KEY (item_id, tag)
) WITHOUT ROWID;
CREATE INDEX item_tags_tag ON item_tags (tag, item_id);

-- The current verdict per item; verdict_history keeps every decision (who, when, what).
CREATE TABLE verdicts (
  item_id    INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  verdict    TEXT NOT NULL CHECK (verdict IN ('confirmed-rumor', 'not-rumor')),
  reviewer   TEXT NOT NULL,
  note       TEXT,
  decided_at TEXT NOT NULL
);
CREATE TABLE verdict_history (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  verdict    TEXT NOT NULL,
  reviewer   TEXT NOT NULL,
  note       TEXT,
  decided_at TEXT NOT NULL
);
CREATE INDEX verdict_history_item ON verdict_history (item_id, id);

CREATE TABLE crawl_runs (
  id         INTEGER PRIMARY KEY,
  source_id  TEXT NOT NULL REFERENCES sources(id),
  status     TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed')),
  started_at TEXT NOT NULL,
  ended_at   TEXT,
  fetched    INTEGER NOT NULL DEFAULT 0,
  new        INTEGER NOT NULL DEFAULT 0,
  duplicate  INTEGER NOT NULL DEFAULT 0,
  failed     INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX crawl_runs_source ON crawl_runs (source_id, id DESC);

-- Items whose search document must be (re)written. One row per item: a newer change simply bumps
-- the version, so the worker deletes only what it actually sent.
CREATE TABLE search_outbox (
  item_id         INTEGER PRIMARY KEY,
  version         INTEGER NOT NULL DEFAULT 1,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT
);
CREATE INDEX search_outbox_due ON search_outbox (next_attempt_at);

-- URLs whose content was already stored under another item (reposts, mirrors): remembered so a crawl
-- does not fetch them again, and kept as provenance of how far an item spread.
CREATE TABLE item_aliases (
  url        TEXT PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  source_id  TEXT NOT NULL,
  seen_at    TEXT NOT NULL
);
CREATE INDEX item_aliases_item ON item_aliases (item_id);
