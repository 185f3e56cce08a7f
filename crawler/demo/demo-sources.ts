import { SourceConfig } from '../../server/contracts/source';

/**
 * The four sources that crawl the bundled demo site. Loopback is allowed for them only; the
 * forum is polled every minute because it is where new posts keep appearing.
 */
export function demoSources(baseUrl: string): SourceConfig[] {
  const base = baseUrl.replace(/\/+$/, '');
  const common = { delayMs: 50, timeoutMs: 5_000, retries: 2, allowPrivateNetwork: true, enabled: true };
  return [
    {
      ...common,
      id: 'demo-news',
      name: '清河融媒·新闻',
      kind: 'news',
      // The district's own media centre and sites: their items are own-media news in the ledger.
      ownMedia: true,
      type: 'html-list',
      url: `${base}/news/index.html`,
      schedule: '*/5 * * * *',
      list: { link: 'ul.news-list a.title', next: 'a.next-page', maxPages: 5 },
      detail: { title: 'h1.article-title', time: '.article-meta .pub-time', body: '.article-content', author: '.article-meta .author' },
    },
    {
      ...common,
      id: 'demo-notices',
      name: '清河区政府·通知公告',
      kind: 'notice',
      ownMedia: true,
      type: 'html-list',
      url: `${base}/gov/tzgg/index.htm`,
      schedule: '*/5 * * * *',
      // No time selector: the date is found next to 发布日期 in the page text.
      list: { link: 'table.list-table td.bt a', next: '.page-box a.next', maxPages: 5 },
      detail: { title: '.zw-title', body: '#zoom', author: '.zw-info .ly' },
    },
    {
      ...common,
      id: 'demo-forum',
      name: '清河社区论坛·本地生活圈',
      kind: 'post',
      type: 'html-list',
      url: `${base}/bbs/forum-2-1.html`,
      schedule: '* * * * *',
      list: { link: '#threadlist a.xst', next: '.pg a.nxt', maxPages: 5 },
      detail: { title: '#thread_subject', time: '#authorposton', body: '.t_f', author: '.authi a.xw1' },
    },
    {
      ...common,
      id: 'demo-piyao',
      name: '清河区辟谣平台',
      kind: 'news',
      ownMedia: true,
      type: 'rss',
      url: `${base}/piyao/rss.xml`,
      schedule: '*/5 * * * *',
    },
  ].map((s) => SourceConfig.parse(s));
}
