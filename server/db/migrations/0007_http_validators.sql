-- ETag / Last-Modified of list pages and feeds after a complete crawl, so conditional requests
-- (If-None-Match / If-Modified-Since) survive a restart and unchanged lists cost one 304.
CREATE TABLE http_validators (
  url           TEXT PRIMARY KEY,
  etag          TEXT,
  last_modified TEXT,
  stored_at     TEXT NOT NULL
) WITHOUT ROWID;
