import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../server/nlp/normalise';
import { LEXICON, NEGATABLE, PATTERNS } from '../../../server/tagging/lexicon';
import { SIGNALS } from '../../../server/tagging/signals';

describe('lexicon', () => {
  it('holds phrases already in normalised form, or they could never match', () => {
    for (const { phrase } of LEXICON) expect(normaliseText(phrase)).toBe(phrase);
  });

  it('holds each phrase once, so a match has one meaning', () => {
    const phrases = LEXICON.map((e) => e.phrase);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it('keeps weights in [0, 1] and signals known', () => {
    for (const e of [...LEXICON, ...PATTERNS]) {
      expect(e.weight).toBeGreaterThanOrEqual(0);
      expect(e.weight).toBeLessThanOrEqual(1);
      expect(SIGNALS[e.signal]).toBeDefined();
    }
  });

  it('marks as negatable only rebuttal phrases that exist', () => {
    for (const phrase of Object.keys(NEGATABLE)) {
      expect(LEXICON.find((e) => e.phrase === phrase)?.signal).toBe('rebuttal');
    }
  });

  it('uses global patterns (matchAll needs the g flag)', () => {
    for (const p of PATTERNS) expect(p.pattern.flags).toContain('g');
  });
});
