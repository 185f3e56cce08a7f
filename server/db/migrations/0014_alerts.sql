-- Alert rules, the alerts they raised (and manual escalations), webhooks, and each webhook delivery
-- as an outbox row: sent once, retried with backoff, held during a rule's quiet hours and then sent
-- as one digest. Acknowledgement records who and when.
CREATE TABLE alert_rules (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL,
  config_json   TEXT NOT NULL,
  enabled       INTEGER NOT NULL DEFAULT 1,
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  last_fired_at TEXT,
  -- A spike fires on its rising edge only: 1 while the series stays above the expectation.
  in_alert      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE webhooks (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  url             TEXT NOT NULL,
  format          TEXT NOT NULL CHECK (format IN ('json', 'wecom', 'dingtalk')),
  secret          TEXT,
  for_escalations INTEGER NOT NULL DEFAULT 0,
  enabled         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL
);

CREATE TABLE alerts (
  id           INTEGER PRIMARY KEY,
  rule_id      INTEGER REFERENCES alert_rules(id) ON DELETE SET NULL,
  kind         TEXT NOT NULL,
  severity     TEXT NOT NULL,
  dedup_key    TEXT NOT NULL,
  title        TEXT NOT NULL,
  detail       TEXT NOT NULL,
  owner        TEXT,
  item_id      INTEGER REFERENCES items(id) ON DELETE SET NULL,
  topic_id     INTEGER,
  library_id   INTEGER,
  published_at TEXT,
  collected_at TEXT,
  alerted_at   TEXT NOT NULL,
  repeats      INTEGER NOT NULL DEFAULT 0,
  last_seen_at TEXT NOT NULL,
  acked_by     TEXT,
  acked_at     TEXT,
  escalated_by TEXT,
  note         TEXT
);
CREATE INDEX alerts_dedup ON alerts (dedup_key, alerted_at);
CREATE INDEX alerts_open ON alerts (acked_at, id);

CREATE TABLE alert_deliveries (
  id              INTEGER PRIMARY KEY,
  alert_id        INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  webhook_id      INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'held', 'sent', 'failed', 'digested')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT,
  sent_at         TEXT,
  UNIQUE (alert_id, webhook_id)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
