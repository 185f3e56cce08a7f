import { createHash } from 'node:crypto';

/** NFKC folds full-width letters and digits (Ａ１ → A1), common in Chinese pages, into one form. */
export function normaliseForHash(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** The exact-duplicate key: the same text republished under another URL hashes the same. */
export function contentHash(title: string, body: string): string {
  // Same bytes as hashing `${title}\n${body}`, without building (and flattening) that string.
  return createHash('sha256').update(normaliseForHash(title), 'utf8').update('\n', 'utf8').update(normaliseForHash(body), 'utf8').digest('hex');
}
