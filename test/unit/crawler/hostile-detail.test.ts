import { describe, expect, it } from 'vitest';
import { parseDetailPage } from '../../../crawler/sources/html-list';

const source = { detail: { title: 'h1.t', body: '.content', author: '.author', time: '.time' } };
const RUN = "window.__pwned=1;document.title='pwned';alert(1)";

function page(title: string, author: string, body = '<p>正文</p>') {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>
<h1 class="t">${title}</h1><span class="time">2026-11-28 09:30</span><span class="author">${author}</span>
<div class="content">${body}</div></body></html>`;
}

describe('detail selectors on hostile pages', () => {
  it('keeps script, style and svg source out of the title and the author, as it does for the body', () => {
    const item = parseDetailPage(
      page(
        `<script>${RUN}</script>葡萄园通报<style>body{display:none}</style><svg onload="${RUN}"><script>${RUN}</script></svg>`,
        `<script>${RUN}</script>张三<svg><script>alert(1)</script></svg>`,
        `<p>葡萄<script>${RUN}</script>园</p>`,
      ),
      'http://127.0.0.1/hostile/a.html',
      source,
    );
    expect(item.title).toBe('葡萄园通报');
    expect(item.author).toBe('张三');
    expect(item.body).toBe('葡萄园');
  });

  it('keeps text that merely looks like markup (decoded entities): it is text, not markup', () => {
    const item = parseDetailPage(page('橄榄&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;b&gt;吴十'), 'http://127.0.0.1/hostile/b.html', source);
    expect(item.title).toBe('橄榄<script>alert(1)</script>');
    expect(item.author).toBe('<b>吴十');
  });

  it('reads a title spread over block children as before (no separator added, so content hashes stay)', () => {
    const item = parseDetailPage(page('<div>第一行</div><div>第二行</div>', '<p>作者：李四</p>'), 'http://127.0.0.1/hostile/c.html', source);
    expect(item.title).toBe('第一行第二行');
    expect(item.author).toBe('李四');
  });
});
