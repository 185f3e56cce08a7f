-- Sentiment of each item: the label, how sure the classifier was, and who set it: 'lexicon' (the
-- built-in word list, before any model exists), 'model' (a trained model) or 'analyst' (a person's
-- correction, which re-scoring never overwrites). Corrections are audited in audit_log.
ALTER TABLE items ADD COLUMN sentiment TEXT CHECK (sentiment IN ('pos', 'neutral', 'neg'));
ALTER TABLE items ADD COLUMN sentiment_confidence REAL;
ALTER TABLE items ADD COLUMN sentiment_source TEXT CHECK (sentiment_source IN ('lexicon', 'model', 'analyst'));
ALTER TABLE items ADD COLUMN sentiment_actor TEXT;
CREATE INDEX items_sentiment_sort ON items (sentiment, sort_at);

-- Analysts' corrections, the examples the sentiment model learns from.
CREATE TABLE sentiment_examples (
  item_id    INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  label      TEXT NOT NULL CHECK (label IN ('pos', 'neutral', 'neg')),
  text       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
