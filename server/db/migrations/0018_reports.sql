-- Work-summary reports (工作总结): every generated report is kept and listed, scheduled ones
-- (weekly, monthly) and ones asked for. The DOCX and its print view live under DATA_DIR/reports;
-- this row says what they are, how far generation got, and why it failed if it did.
CREATE TABLE reports (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('weekly', 'monthly', 'custom')),
  from_day    TEXT NOT NULL,   -- Asia/Shanghai calendar days, inclusive
  to_day      TEXT NOT NULL CHECK (to_day >= from_day),
  unit_id     INTEGER REFERENCES ledger_units(id) ON DELETE SET NULL,
  unit_name   TEXT,            -- kept as it was when generated, so the list still reads after a rename
  title       TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  done        INTEGER NOT NULL DEFAULT 0,
  total       INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  file_name   TEXT,            -- base name under DATA_DIR/reports, without extension (.docx and .html)
  size_bytes  INTEGER,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX reports_created ON reports (created_at DESC, id DESC);
-- A scheduled period is generated once for the district, however often the scheduler wakes.
CREATE UNIQUE INDEX reports_scheduled ON reports (kind, from_day, to_day) WHERE kind <> 'custom' AND unit_id IS NULL;
