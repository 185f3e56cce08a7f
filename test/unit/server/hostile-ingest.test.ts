import { describe, expect, it } from 'vitest';
import { createDbApp } from '../../support/db-app';
import { rawItem, rssSource } from '../../support/factories';

const noTags = { tag: () => ({ tags: [], score: 0, reasons: [] }) };

/**
 * Ingest is where text from the open web (and from remote crawlers over HTTP) enters the system of
 * record: bidi embeddings, overrides and isolates, and control characters, never get past it.
 */
describe('ingest on hostile text', () => {
  it('drops bidi overrides and isolates from title, body and author, keeping marks and emoji ZWJ', async () => {
    const t = createDbApp({ sources: [rssSource('forum')], tagger: noTags });
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const res = t.ingest.ingest([
      rawItem({
        sourceId: 'forum',
        title: '芒果\u202Efdp.exe\u202C 通知 \u2066隔离\u2069 \u2067右\u2068左 \u202A\u202B\u202D尾',
        body: `正文\u202E反转\n${family} \u200F标记\u200E`,
        author: '\u202E四李\u2066',
      }),
      rawItem({ sourceId: 'forum', title: 'a', body: 'b', author: '\u202E\u2066 ' }),
    ]);
    expect(res.new).toBe(2);
    const rows = t.db.prepare('SELECT title, body, author FROM items ORDER BY id').all() as { title: string; body: string; author: string | null }[];
    expect(rows[0]).toEqual({ title: '芒果fdp.exe 通知 隔离 右左 尾', body: `正文反转\n${family} \u200F标记\u200E`, author: '四李' });
    // An author that was nothing but controls is no author.
    expect(rows[1]!.author).toBeNull();
  });

  it('drops C0/C1 controls, including the search hit markers, from the author too', async () => {
    const t = createDbApp({ sources: [rssSource('forum')], tagger: noTags });
    t.ingest.ingest([rawItem({ sourceId: 'forum', title: '\u0001石榴\u0002', body: 'x\u0001\u0085y', author: '张\u0001三\u0002' })]);
    const row = t.db.prepare('SELECT title, body, author FROM items').get() as { title: string; body: string; author: string };
    expect(row).toEqual({ title: '石榴', body: 'xy', author: '张三' });
  });
});

describe('ingest on hostile URLs', () => {
  it('refuses items whose URL is not http(s): javascript:, data:, vbscript:, file:', () => {
    const t = createDbApp({ sources: [rssSource('forum')], tagger: noTags });
    for (const url of ['javascript:alert(1)', 'JavaScript://%0aalert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox(1)', 'file:///etc/passwd']) {
      expect(() => t.ingest.ingest([rawItem({ sourceId: 'forum', url })]), url).toThrow(/invalid field/);
    }
    expect(t.ingest.ingest([rawItem({ sourceId: 'forum', url: 'https://example.test/ok' })]).new).toBe(1);
  });
});
