-- Pages a run chose not to fetch (robots.txt, crawler traps, binary files, page budget).
ALTER TABLE crawl_runs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
