-- The outreach ledger (宣传工作台账): what each reporting unit put out, per Asia/Shanghai day and
-- output category, so work summaries carry real numbers instead of "xx".

-- Reporting units as a tree (townships and streets with their communities; departments). Names are
-- unique across the tree because spreadsheets name units, not ids.
CREATE TABLE ledger_units (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  parent_id  INTEGER REFERENCES ledger_units(id),
  kind       TEXT NOT NULL CHECK (kind IN ('township', 'street', 'community', 'department')),
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ledger_units_parent ON ledger_units (parent_id, sort_order);

-- Output categories with their measure word (块/条/张/…). An automatic category is counted from other
-- tables (rebuttals, own-media items) and is never typed in.
CREATE TABLE ledger_categories (
  key        TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  measure    TEXT NOT NULL,
  automatic  INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1)),
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
-- Higher-level media reports and press conferences are meant to be counted automatically too; until
-- those counters exist they are typed (a later migration flips the flag when a counter lands).
INSERT INTO ledger_categories (key, name, measure, automatic, sort_order, created_at) VALUES
  ('billboards',          '户外广告牌',             '块',   0,  10, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('screens',             '电子显示屏',             '块',   0,  20, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('banners',             '标语横幅',               '条',   0,  30, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('leaflets',            '宣传单',                 '张',   0,  40, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('guides',              '宣传手册',               '份',   0,  50, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('household-visits',    '入户宣传走访',           '次',   0,  60, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('group-messages',      '微信群、QQ群信息',       '条',   0,  70, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('vehicles',            '宣传车',                 '台次', 0,  80, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('loudspeakers',        '小喇叭、流动音响',       '个',   0,  90, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('village-broadcast',   '村村通广播',             '小时', 0, 100, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('own-media-news',      '自有媒体新闻',           '条',   1, 110, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('higher-media',        '上级媒体报道',           '条',   0, 120, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('press-conferences',   '新闻发布会',             '场',   0, 130, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('rebuttals',           '辟谣信息',               '条',   1, 140, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('online-campaigns',    '网络宣传活动（H5、倡议书）', '个', 0, 150, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('campaign-participants', '网络宣传活动参与',     '人次', 0, 160, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- One figure typed (or imported) by a unit for one day. Deleting only sets `deleted`, so the audit
-- trail and the summaries already sent out stay explainable.
CREATE TABLE ledger_entries (
  id           INTEGER PRIMARY KEY,
  day          TEXT NOT NULL,   -- Asia/Shanghai calendar day, YYYY-MM-DD
  unit_id      INTEGER NOT NULL REFERENCES ledger_units(id),
  category_key TEXT NOT NULL REFERENCES ledger_categories(key),
  quantity     REAL NOT NULL CHECK (quantity >= 0),
  note         TEXT,
  library_id   INTEGER REFERENCES rumour_library(id) ON DELETE SET NULL,
  topic_id     INTEGER REFERENCES topics(id) ON DELETE SET NULL,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX ledger_entries_day ON ledger_entries (day, unit_id) WHERE deleted = 0;
CREATE INDEX ledger_entries_unit ON ledger_entries (unit_id, day);
CREATE INDEX ledger_entries_category ON ledger_entries (category_key, day) WHERE deleted = 0;

-- Every ledger change: who, when, before, after. audit_log's CHECK admits only rumour-desk entities,
-- so the ledger keeps its own log under the same append-only rule.
CREATE TABLE ledger_audit (
  id          INTEGER PRIMARY KEY,
  entity      TEXT NOT NULL CHECK (entity IN ('entry', 'unit', 'category', 'target', 'zero-report')),
  entity_id   TEXT NOT NULL,
  action      TEXT NOT NULL,
  actor       TEXT NOT NULL,
  at          TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX ledger_audit_entity ON ledger_audit (entity, entity_id, id);
CREATE TRIGGER ledger_audit_no_update BEFORE UPDATE ON ledger_audit
BEGIN SELECT RAISE(ABORT, 'ledger_audit is append-only'); END;
CREATE TRIGGER ledger_audit_no_delete BEFORE DELETE ON ledger_audit
BEGIN SELECT RAISE(ABORT, 'ledger_audit is append-only'); END;

-- 零报告: a unit says "nothing to report today" in one click, so silence and zero differ.
CREATE TABLE ledger_zero_reports (
  unit_id     INTEGER NOT NULL REFERENCES ledger_units(id),
  day         TEXT NOT NULL,
  reported_by TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  PRIMARY KEY (unit_id, day)
) WITHOUT ROWID;

-- A target for a category over a period, for one unit's subtree or (unit_id NULL) the whole district.
CREATE TABLE ledger_targets (
  id           INTEGER PRIMARY KEY,
  category_key TEXT NOT NULL REFERENCES ledger_categories(key),
  unit_id      INTEGER REFERENCES ledger_units(id),
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL CHECK (period_end >= period_start),
  quantity     REAL NOT NULL CHECK (quantity > 0),
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX ledger_targets_period ON ledger_targets (period_start, period_end);
