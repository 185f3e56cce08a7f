-- Events show how many sources carried a story: counted from this index alone (a viral cluster of
-- thousands of copies otherwise costs a table lookup per copy).
CREATE INDEX items_cluster_source ON items (cluster_id, source_id);
