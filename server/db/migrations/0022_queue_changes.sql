-- Items whose standing on the rumour desk may have changed, appended by triggers: the review queue
-- keeps its candidates in memory (repositories/review-queue-candidates.ts) and re-reads only the items
-- logged here (and new items) instead of every candidate after each write. Every writer — the server,
-- the crawler and tools in other processes — is logged alike, because the triggers live in the database.
-- Only the newest rows matter to a reader that keeps up; older ones are dropped as new ones arrive (a
-- reader that fell further behind than that notices the gap and re-reads everything).
CREATE TABLE queue_changes (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id    INTEGER NOT NULL,
  -- The cluster an item left (moved or deleted): the size of its remaining copies changed.
  cluster_id INTEGER
);

CREATE TRIGGER queue_changes_prune AFTER INSERT ON queue_changes
BEGIN DELETE FROM queue_changes WHERE seq <= NEW.seq - 20000; END;

CREATE TRIGGER queue_reviews_insert AFTER INSERT ON reviews
BEGIN INSERT INTO queue_changes (item_id) VALUES (NEW.item_id); END;
CREATE TRIGGER queue_reviews_update AFTER UPDATE ON reviews
BEGIN INSERT INTO queue_changes (item_id) VALUES (NEW.item_id); END;
CREATE TRIGGER queue_reviews_delete AFTER DELETE ON reviews
BEGIN INSERT INTO queue_changes (item_id) VALUES (OLD.item_id); END;

CREATE TRIGGER queue_sightings_insert AFTER INSERT ON library_sightings
BEGIN INSERT INTO queue_changes (item_id) VALUES (NEW.item_id); END;
CREATE TRIGGER queue_sightings_update AFTER UPDATE ON library_sightings
BEGIN INSERT INTO queue_changes (item_id) VALUES (OLD.item_id), (NEW.item_id); END;
CREATE TRIGGER queue_sightings_delete AFTER DELETE ON library_sightings
BEGIN INSERT INTO queue_changes (item_id) VALUES (OLD.item_id); END;

CREATE TRIGGER queue_tags_insert AFTER INSERT ON item_tags
BEGIN INSERT INTO queue_changes (item_id) VALUES (NEW.item_id); END;
CREATE TRIGGER queue_tags_delete AFTER DELETE ON item_tags
BEGIN INSERT INTO queue_changes (item_id) VALUES (OLD.item_id); END;

-- A new item's first cluster (NULL → a cluster, in its own insert transaction) is not logged: readers
-- take new items by id, and ingest does this for every item.
CREATE TRIGGER queue_items_update AFTER UPDATE OF score, cluster_id, sort_at, source_id ON items
WHEN (OLD.cluster_id IS NOT NULL AND OLD.cluster_id IS NOT NEW.cluster_id) OR OLD.score IS NOT NEW.score
  OR OLD.sort_at IS NOT NEW.sort_at OR OLD.source_id IS NOT NEW.source_id
BEGIN INSERT INTO queue_changes (item_id, cluster_id) VALUES (NEW.id, OLD.cluster_id); END;
CREATE TRIGGER queue_items_delete AFTER DELETE ON items
BEGIN INSERT INTO queue_changes (item_id, cluster_id) VALUES (OLD.id, OLD.cluster_id); END;
