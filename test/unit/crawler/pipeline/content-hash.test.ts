import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash, normaliseForHash } from '../../../../crawler/pipeline/content-hash';

describe('contentHash', () => {
  it('is the sha256 hex of normalised title + "\\n" + body', () => {
    const expected = createHash('sha256').update('标题\n正文 第二段').digest('hex');
    expect(contentHash('  标题 ', '正文\n\n  第二段  ')).toBe(expected);
    expect(contentHash('a', 'b')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores whitespace and full-width/half-width differences (NFKC)', () => {
    expect(contentHash('通知ＡＢＣ１２３', '停水\u3000通知')).toBe(contentHash('通知ABC123', '停水 通知'));
  });

  it('tells different texts apart, including title vs body boundaries', () => {
    expect(contentHash('清河区停水', '通知')).not.toBe(contentHash('清河区停水通知', ''));
    expect(contentHash('a', 'b')).not.toBe(contentHash('a', 'c'));
  });

  it('normalises NBSP and tabs to single spaces', () => {
    expect(normaliseForHash('a\u00a0\t b\n')).toBe('a b');
  });
});

describe('contentHash: hashed in parts', () => {
  it('equals the SHA-256 of the joined normalised text', () => {
    const [hash, norm] = [contentHash, normaliseForHash];
    for (const [title, body] of [['标题 Ａ１', '第一段\n第二段　全角空格 😀'], ['', ''], ['t', ''], ['\uD83D', 'x']] as const) {
      const joined = createHash('sha256').update(`${norm(title)}\n${norm(body)}`, 'utf8').digest('hex');
      expect(hash(title, body)).toBe(joined);
    }
  });
});
