-- Paused from the dashboard: the source stays configured and its items stay, but schedules skip it.
ALTER TABLE sources ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
CREATE INDEX items_source_collected ON items (source_id, collected_at);
