-- The newest item an alert has been folded with: a repeat within the cooldown counts only when the
-- rule fires on an item it had not fired on (a new post), not each time the rule is evaluated again.
ALTER TABLE alerts ADD COLUMN last_item_id INTEGER;
UPDATE alerts SET last_item_id = item_id;
