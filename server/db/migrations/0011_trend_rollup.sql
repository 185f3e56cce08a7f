-- Item counts per UTC hour and dimension, so that trend charts over months read a few thousand
-- small rows instead of scanning items. Triggers mark the hours whose items changed (new item, tags,
-- sentiment, topic membership, deletion); readers recompute those hours before answering, so the
-- rollup is always exact and no code path can forget to maintain it. Asia/Shanghai is UTC+8, whole
-- hours, so local days are sums of 24 UTC hours.
--   dim 'all' (key ''), 'source', 'kind', 'tag', 'sentiment', 'topic', 'topic-sentiment' (key 'topicId:label')
CREATE TABLE trend_hourly (
  dim  TEXT NOT NULL,
  hour TEXT NOT NULL,   -- 'YYYY-MM-DDTHH' (UTC)
  key  TEXT NOT NULL,
  n    INTEGER NOT NULL,
  PRIMARY KEY (dim, hour, key)
) WITHOUT ROWID;
-- Recomputing an hour deletes it across every dimension.
CREATE INDEX trend_hourly_hour ON trend_hourly (hour);

-- The same counts per Asia/Shanghai day, summed from the hours (whole days only): a month by day
-- reads 30 rows per key instead of 720.
CREATE TABLE trend_daily (
  dim  TEXT NOT NULL,
  day  TEXT NOT NULL,   -- 'YYYY-MM-DD' (Asia/Shanghai)
  key  TEXT NOT NULL,
  n    INTEGER NOT NULL,
  PRIMARY KEY (dim, day, key)
) WITHOUT ROWID;
CREATE INDEX trend_daily_day ON trend_daily (day);

CREATE TABLE trend_dirty (hour TEXT PRIMARY KEY) WITHOUT ROWID;

CREATE TRIGGER items_trend_insert AFTER INSERT ON items
BEGIN INSERT OR IGNORE INTO trend_dirty (hour) VALUES (substr(NEW.sort_at, 1, 13)); END;

CREATE TRIGGER items_trend_update AFTER UPDATE OF sort_at, source_id, kind, sentiment ON items
BEGIN
  INSERT OR IGNORE INTO trend_dirty (hour) VALUES (substr(OLD.sort_at, 1, 13));
  INSERT OR IGNORE INTO trend_dirty (hour) VALUES (substr(NEW.sort_at, 1, 13));
END;

CREATE TRIGGER items_trend_delete AFTER DELETE ON items
BEGIN INSERT OR IGNORE INTO trend_dirty (hour) VALUES (substr(OLD.sort_at, 1, 13)); END;

CREATE TRIGGER item_tags_trend_insert AFTER INSERT ON item_tags
BEGIN INSERT OR IGNORE INTO trend_dirty (hour) SELECT substr(sort_at, 1, 13) FROM items WHERE id = NEW.item_id; END;

CREATE TRIGGER item_tags_trend_delete AFTER DELETE ON item_tags
BEGIN INSERT OR IGNORE INTO trend_dirty (hour) SELECT substr(sort_at, 1, 13) FROM items WHERE id = OLD.item_id; END;

CREATE TRIGGER item_topics_trend_insert AFTER INSERT ON item_topics
BEGIN INSERT OR IGNORE INTO trend_dirty (hour) VALUES (substr(NEW.sort_at, 1, 13)); END;

CREATE TRIGGER item_topics_trend_delete AFTER DELETE ON item_topics
BEGIN INSERT OR IGNORE INTO trend_dirty (hour) VALUES (substr(OLD.sort_at, 1, 13)); END;

INSERT OR IGNORE INTO trend_dirty (hour) SELECT DISTINCT substr(sort_at, 1, 13) FROM items;
