-- Keywords per hour: in how many items each keyword occurred (document frequency), counted at ingest
-- in the insert transaction. Hot words compare a recent window with the days before it; the counts
-- are aggregates, kept when old items are purged.
CREATE TABLE keyword_hourly (
  hour TEXT NOT NULL,   -- 'YYYY-MM-DDTHH' (UTC) of the item's sort_at
  word TEXT NOT NULL,
  n    INTEGER NOT NULL,
  PRIMARY KEY (hour, word)
) WITHOUT ROWID;
