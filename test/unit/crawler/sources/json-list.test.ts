import { describe, expect, it } from 'vitest';
import { NonRetryableError } from '../../../../crawler/errors';
import { MAX_JSON_ENTRIES, parseJsonList, readPath } from '../../../../crawler/sources/json-list';

const ENDPOINT = 'https://api.example.gov.cn/v1/news/list?page=1';
const fields = { url: 'link', title: 'title', body: 'content', publishedAt: 'pubTime', author: 'source.name' };

const DOC = JSON.stringify({
  code: 0,
  data: {
    items: [
      { link: '/a/1.html?utm_source=app', title: '关于东城街道临时停水的通知', content: '<p>因管网维修，<b>6月5日</b>停水。</p><script>x()</script>', pubTime: '2023-06-04 09:30', source: { name: '区水务局' } },
      { link: 'https://news.example.com/a/2.html', title: 2024, content: '纯文本', pubTime: 1685842200, source: {} },
      { link: '/a/3.html', title: '毫秒时间戳', pubTime: 1685842200000 },
      { title: '没有链接' },
      { link: '/a/5.html', title: '   ' },
      { link: 'javascript:void(0)', title: '脚本链接' },
      { link: '/a/1.html', title: '重复' },
    ],
  },
});

describe('parseJsonList', () => {
  it('maps entries through dot paths, resolves URLs, strips HTML, reads dates and epochs', () => {
    const rejected: string[] = [];
    const items = parseJsonList(DOC, ENDPOINT, { list: { path: 'data.items', fields } }, { onReject: (r) => rejected.push(r) });
    expect(items).toEqual([
      { url: 'https://api.example.gov.cn/a/1.html', title: '关于东城街道临时停水的通知', body: '因管网维修，6月5日停水。', publishedAt: '2023-06-04T09:30:00+08:00', author: '区水务局' },
      { url: 'https://news.example.com/a/2.html', title: '2024', body: '纯文本', publishedAt: '2023-06-04T09:30:00+08:00', author: null },
      { url: 'https://api.example.gov.cn/a/3.html', title: '毫秒时间戳', body: '', publishedAt: '2023-06-04T09:30:00+08:00', author: null },
    ]);
    expect(rejected).toEqual([
      'entry 3: no url at "link"',
      'entry 4 (https://api.example.gov.cn/a/5.html): no title at "title"',
      'entry 5: "link" is not an http(s) URL: javascript:void(0)',
    ]);
  });

  it('reads a top-level array when the path is empty, and array indexes in paths', () => {
    const top = JSON.stringify([{ u: '/x.html', t: '标题' }]);
    expect(parseJsonList(top, ENDPOINT, { list: { path: '', fields: { url: 'u', title: 't' } } })).toHaveLength(1);
    const nested = JSON.stringify({ result: [{ list: [{ u: '/y.html', t: '标题' }] }] });
    expect(parseJsonList(nested, ENDPOINT, { list: { path: 'result.0.list', fields: { url: 'u', title: 't' } } })[0]?.url).toBe('https://api.example.gov.cn/y.html');
    expect(parseJsonList(nested, ENDPOINT, { list: { path: 'result[0].list', fields: { url: 'u', title: 't' } } })).toHaveLength(1);
  });

  it('accepts an anti-XSSI prefix and a BOM', () => {
    const guarded = `\uFEFF)]}',\n${JSON.stringify([{ u: '/x.html', t: '标题' }])}`;
    expect(parseJsonList(guarded, ENDPOINT, { list: { path: '', fields: { url: 'u', title: 't' } } })).toHaveLength(1);
  });

  it('throws "layout changed" for a document that is not JSON or a path that is not an array', () => {
    const source = { list: { path: 'data.items', fields } };
    expect(() => parseJsonList('<html>维护中</html>', ENDPOINT, source)).toThrow(NonRetryableError);
    expect(() => parseJsonList('<html>维护中</html>', ENDPOINT, source)).toThrow(/not JSON/);
    expect(() => parseJsonList('{"data":{"items":{"a":1}}}', ENDPOINT, source)).toThrow(/leads to an object, not an array/);
    expect(() => parseJsonList('{"data":{}}', ENDPOINT, source)).toThrow(/leads to nothing/);
  });

  it('reads at most MAX_JSON_ENTRIES entries', () => {
    const many = JSON.stringify(Array.from({ length: MAX_JSON_ENTRIES + 50 }, (_, i) => ({ u: `/n/${i}.html`, t: `第${i}条` })));
    expect(parseJsonList(many, ENDPOINT, { list: { path: '', fields: { url: 'u', title: 't' } } })).toHaveLength(MAX_JSON_ENTRIES);
  });

  it('ignores numbers that cannot be times', () => {
    const doc = JSON.stringify([{ u: '/x.html', t: '标题', d: 42 }]);
    expect(parseJsonList(doc, ENDPOINT, { list: { path: '', fields: { url: 'u', title: 't', publishedAt: 'd' } } })[0]?.publishedAt).toBeNull();
  });
});

describe('readPath', () => {
  it('walks objects and arrays, and never the prototype', () => {
    expect(readPath({ a: [{ b: 1 }] }, 'a.0.b')).toBe(1);
    expect(readPath({ a: [1] }, 'a.x')).toBeUndefined();
    expect(readPath({}, 'constructor')).toBeUndefined();
    expect(readPath([1, 2], '')).toEqual([1, 2]);
  });
});
