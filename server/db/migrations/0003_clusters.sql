-- Near-duplicate clusters: reposts of one story or rumour (a few characters changed, emoji, a
-- "转发：" prefix, another ending) share a cluster. An item joins the cluster of its most similar
-- earlier item; otherwise it starts one, whose id is its own. Items stored before this migration
-- start as clusters of one; the server signs and clusters them at its next start-up.
ALTER TABLE items ADD COLUMN cluster_id INTEGER;
UPDATE items SET cluster_id = id;
-- Members oldest first, and the cluster's size per day, come straight from this index.
CREATE INDEX items_cluster ON items (cluster_id, sort_at);

-- Size and growth are what analysts read, so the counts are kept rather than recounted per row.
-- exact_reposts: URLs whose content was byte-for-byte that of a member (item_aliases).
CREATE TABLE clusters (
  id            INTEGER PRIMARY KEY,
  items         INTEGER NOT NULL DEFAULT 0,
  exact_reposts INTEGER NOT NULL DEFAULT 0
);
INSERT INTO clusters (id, items, exact_reposts)
  SELECT i.id, 1, (SELECT count(*) FROM item_aliases a WHERE a.item_id = i.id) FROM items i;

-- Triggers keep the counts, so no writer (ingest, a retention purge, a later tool) can forget to.
CREATE TRIGGER items_cluster_insert AFTER INSERT ON items WHEN NEW.cluster_id IS NOT NULL
BEGIN
  INSERT OR IGNORE INTO clusters (id) VALUES (NEW.cluster_id);
  UPDATE clusters SET items = items + 1 WHERE id = NEW.cluster_id;
END;

CREATE TRIGGER items_cluster_move AFTER UPDATE OF cluster_id ON items
WHEN NEW.cluster_id IS NOT OLD.cluster_id
BEGIN
  UPDATE clusters SET items = items - 1,
    exact_reposts = exact_reposts - (SELECT count(*) FROM item_aliases WHERE item_id = OLD.id)
    WHERE id = OLD.cluster_id;
  DELETE FROM clusters WHERE id = OLD.cluster_id AND items <= 0;
  INSERT OR IGNORE INTO clusters (id) SELECT NEW.cluster_id WHERE NEW.cluster_id IS NOT NULL;
  UPDATE clusters SET items = items + 1,
    exact_reposts = exact_reposts + (SELECT count(*) FROM item_aliases WHERE item_id = NEW.id)
    WHERE id = NEW.cluster_id;
END;

-- Recounted rather than decremented: the item's aliases go by ON DELETE CASCADE, before or after
-- this trigger, and the join on items counts only aliases whose item still exists either way.
CREATE TRIGGER items_cluster_delete AFTER DELETE ON items WHEN OLD.cluster_id IS NOT NULL
BEGIN
  UPDATE clusters SET
    items = (SELECT count(*) FROM items WHERE cluster_id = OLD.cluster_id),
    exact_reposts = (SELECT count(*) FROM item_aliases a JOIN items i ON i.id = a.item_id WHERE i.cluster_id = OLD.cluster_id)
    WHERE id = OLD.cluster_id;
  DELETE FROM clusters WHERE id = OLD.cluster_id AND items <= 0;
END;

CREATE TRIGGER item_aliases_cluster_insert AFTER INSERT ON item_aliases
BEGIN
  UPDATE clusters SET exact_reposts = exact_reposts + 1
    WHERE id = (SELECT cluster_id FROM items WHERE id = NEW.item_id);
END;

CREATE TRIGGER item_aliases_cluster_delete AFTER DELETE ON item_aliases
BEGIN
  UPDATE clusters SET exact_reposts = exact_reposts - 1
    WHERE id = (SELECT cluster_id FROM items WHERE id = OLD.item_id);
END;

CREATE TRIGGER item_aliases_cluster_repoint AFTER UPDATE OF item_id ON item_aliases
BEGIN
  UPDATE clusters SET exact_reposts = exact_reposts - 1
    WHERE id = (SELECT cluster_id FROM items WHERE id = OLD.item_id);
  UPDATE clusters SET exact_reposts = exact_reposts + 1
    WHERE id = (SELECT cluster_id FROM items WHERE id = NEW.item_id);
END;

-- MinHash signatures, so the in-memory index is rebuilt at start-up from a few hundred bytes per
-- item instead of re-normalising every body. scheme names the parameters that shaped the bytes:
-- rows under another scheme are recomputed. An empty signature means "too short to compare", or,
-- under the scheme 'pruned', an item older than the index holds. Every item stored from now on gets
-- a row in its insert transaction; an item without one predates clustering.
CREATE TABLE item_signatures (
  item_id   INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  scheme    TEXT NOT NULL,
  signature BLOB NOT NULL
);
