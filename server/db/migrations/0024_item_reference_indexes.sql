-- Columns that point at an item without an index of their own. Deleting an item (the retention purge)
-- must find the rows that point at it to set them to NULL, and without these SQLite scanned the whole
-- of each table once per deleted item; the purge's "is this item still needed" test scanned the rumour
-- library per candidate item the same way.
CREATE INDEX alerts_item ON alerts (item_id);
CREATE INDEX reviews_duplicate_of ON reviews (duplicate_of);
CREATE INDEX rumour_library_source_item ON rumour_library (source_item_id);
