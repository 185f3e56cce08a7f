-- Detail links a crawl discovered and has not finished: the frontier survives a crash, so the
-- next run starts with them instead of losing them.
CREATE TABLE crawl_frontier (
  source_id     TEXT NOT NULL REFERENCES sources(id),
  url           TEXT NOT NULL,
  discovered_at TEXT NOT NULL,
  PRIMARY KEY (source_id, url)
) WITHOUT ROWID;
