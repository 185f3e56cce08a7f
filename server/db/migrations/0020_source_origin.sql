-- Where a source's configuration lives: 'file' (SOURCES_FILE or the bundled demo, synced at start-up)
-- or 'dashboard' (added by an admin; kept in config_json here, never disabled by the start-up sync).
ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT 'file';
