-- What an alert is about, as figures (rule or subject name, counts, window, times), so each reader's
-- dashboard can word it in their own language; title and detail stay the Chinese text webhooks send.
-- NULL for alerts raised before: those show their stored text.
ALTER TABLE alerts ADD COLUMN facts_json TEXT;
