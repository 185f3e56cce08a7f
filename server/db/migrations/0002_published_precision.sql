-- How precise the published time is as found on the page (year, month, day, minute, second);
-- null when the page gave no date (then collected_at stands in for it).
ALTER TABLE items ADD COLUMN published_precision TEXT;
