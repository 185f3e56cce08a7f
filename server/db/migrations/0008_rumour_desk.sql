-- The rumour desk: review status per item (with claims), an append-only audit log, the library of
-- known rumours with their sightings, and rebuttal records.

-- One row per item that an editor has touched. No row means status 'new'. A claim (claimed_by +
-- claim_expires_at) marks an item in progress; it lapses by itself, so a forgotten tab never locks it.
CREATE TABLE reviews (
  item_id          INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  status           TEXT NOT NULL DEFAULT 'new'
                   CHECK (status IN ('new', 'confirmed-rumor', 'not-rumor', 'needs-verification', 'duplicate')),
  note             TEXT,
  duplicate_of     INTEGER REFERENCES items(id) ON DELETE SET NULL,
  library_id       INTEGER,
  decided_by       TEXT,
  decided_at       TEXT,
  claimed_by       TEXT,
  claim_expires_at TEXT,
  -- What the tagger said when the verdict was given: calibration measures that, not a later re-tag.
  decided_score    REAL,
  decided_reasons  TEXT,
  updated_at       TEXT NOT NULL
);
CREATE INDEX reviews_status ON reviews (status, decided_at);
CREATE INDEX reviews_library ON reviews (library_id) WHERE library_id IS NOT NULL;

INSERT INTO reviews (item_id, status, note, decided_by, decided_at, decided_score, decided_reasons, updated_at)
  SELECT v.item_id, v.verdict, v.note, v.reviewer, v.decided_at, i.score, i.reasons_json, v.decided_at
  FROM verdicts v JOIN items i ON i.id = v.item_id;

-- Every state change: who, when, what before, what after. Never updated, never deleted.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  entity      TEXT NOT NULL CHECK (entity IN ('item', 'library', 'rebuttal')),
  entity_id   INTEGER NOT NULL,
  action      TEXT NOT NULL,
  actor       TEXT NOT NULL,
  at          TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
INSERT INTO audit_log (entity, entity_id, action, actor, at, before_json, after_json)
  SELECT 'item', item_id, 'verdict', reviewer, decided_at, NULL,
         json_object('status', verdict, 'note', note)
  FROM verdict_history ORDER BY id;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

DROP TABLE verdict_history;
DROP TABLE verdicts;

-- Claims confirmed as rumours. merged_into points a duplicate entry at the one that absorbed it.
CREATE TABLE rumour_library (
  id             INTEGER PRIMARY KEY,
  claim          TEXT NOT NULL,
  category       TEXT NOT NULL DEFAULT 'other',
  unit           TEXT,
  rebuttal_text  TEXT,
  source_item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
  first_seen_at  TEXT NOT NULL,
  confirmed_at   TEXT NOT NULL,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  merged_into    INTEGER REFERENCES rumour_library(id)
);
CREATE INDEX rumour_library_live ON rumour_library (merged_into, id);

-- Items (online or offline) that repeat or answer a library claim, found by claim matching or set by
-- an editor. kind: 'confirmed' (at or above the confirm threshold, tagged known-rumor), 'suggested'
-- (shown to the editor), 'rebuttal' (a debunk answering the claim), 'manual' (linked by an editor).
CREATE TABLE library_sightings (
  library_id INTEGER NOT NULL REFERENCES rumour_library(id) ON DELETE CASCADE,
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('confirmed', 'suggested', 'rebuttal', 'manual')),
  similarity REAL NOT NULL,
  seen_at    TEXT NOT NULL,
  PRIMARY KEY (library_id, item_id)
) WITHOUT ROWID;
CREATE INDEX library_sightings_item ON library_sightings (item_id);
CREATE INDEX library_sightings_seen ON library_sightings (library_id, seen_at);

-- A published rebuttal (辟谣): where and when it went out, and which claims it answers.
CREATE TABLE rebuttals (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,
  text          TEXT NOT NULL,
  url           TEXT,
  channels_json TEXT NOT NULL DEFAULT '[]',
  published_at  TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX rebuttals_published ON rebuttals (published_at);
CREATE TABLE rebuttal_claims (
  rebuttal_id INTEGER NOT NULL REFERENCES rebuttals(id) ON DELETE CASCADE,
  library_id  INTEGER NOT NULL REFERENCES rumour_library(id) ON DELETE CASCADE,
  PRIMARY KEY (rebuttal_id, library_id)
) WITHOUT ROWID;
CREATE INDEX rebuttal_claims_library ON rebuttal_claims (library_id);

-- Rumours heard in the community (grid workers, door-to-door teams): stored as items of the built-in
-- offline source so they join clusters and claim matching; the place is kept here.
CREATE TABLE offline_sightings (
  item_id     INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  place       TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  heard_on    TEXT NOT NULL
);

-- The built-in source offline sightings are stored under: never crawled (type 'manual'), never listed
-- with the crawled sources.
INSERT INTO sources (id, name, kind, type, url, schedule, enabled, config_json, updated_at)
VALUES ('offline-sightings', '线下线索上报', 'post', 'manual', 'urn:yuqing:offline-sightings', '', 0, '{}',
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
ON CONFLICT (id) DO NOTHING;

-- Editors' verdicts as training examples (the text as the tagger read it), kept for a first model
-- trained from verdicts alone and for full retraining later.
CREATE TABLE training_examples (
  item_id    INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  label      TEXT NOT NULL CHECK (label IN ('rumor', 'non-rumor')),
  text       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
