-- Two more automatic ledger categories: reports in higher-level media (上级媒体报道: items of outside
-- media that mention the district) and press conferences (新闻发布会: items recognised as such,
-- confirmable). Entries typed for them before this migration stay stored (their audit trail still
-- names them) but, like the entries of every automatic category, they are no longer summed: the
-- totals take an automatic category's figure from its counter alone.
UPDATE ledger_categories SET automatic = 1 WHERE key IN ('higher-media', 'press-conferences');

-- The district the media counts look for (and the reports' heading uses): one row or none.
-- Unset, higher-level media count 0 and say why.
CREATE TABLE district_profile (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  name         TEXT NOT NULL,
  aliases_json TEXT NOT NULL DEFAULT '[]',
  updated_by   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

-- A person's word on an item the recogniser took for a press conference. No row: as recognised.
-- A decision counts for the item's whole conference (near-duplicate cluster): confirmed wins over
-- rejected, rejected over merely recognised.
CREATE TABLE ledger_press_decisions (
  item_id    INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  state      TEXT NOT NULL CHECK (state IN ('confirmed', 'rejected')),
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX ledger_press_decisions_state ON ledger_press_decisions (state, item_id);

-- ledger_audit's CHECK admits only its own entities; rather than recreate an append-only table (its
-- triggers forbid the copy-and-drop), settings changes get their own log under the same rule.
CREATE TABLE ledger_settings_audit (
  id          INTEGER PRIMARY KEY,
  entity      TEXT NOT NULL CHECK (entity IN ('district', 'press-conference')),
  entity_id   TEXT NOT NULL,
  action      TEXT NOT NULL,
  actor       TEXT NOT NULL,
  at          TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX ledger_settings_audit_entity ON ledger_settings_audit (entity, entity_id, id);
CREATE TRIGGER ledger_settings_audit_no_update BEFORE UPDATE ON ledger_settings_audit
BEGIN SELECT RAISE(ABORT, 'ledger_settings_audit is append-only'); END;
CREATE TRIGGER ledger_settings_audit_no_delete BEFORE DELETE ON ledger_settings_audit
BEGIN SELECT RAISE(ABORT, 'ledger_settings_audit is append-only'); END;
