import { esc, page } from './layout';

/** The demo's front door: what each section is and which source crawls it. */
export function renderHome(): string {
  const links: [string, string, string][] = [
    ['/news/index.html', '清河融媒·新闻', '区融媒体中心（UTF-8，分页列表 + 详情页）'],
    ['/gov/tzgg/index.htm', '清河区人民政府·通知公告', '区政府通知公告（GBK 编码，分页）'],
    ['/bbs/forum-2-1.html', '清河社区论坛·本地生活圈', '居民发帖（约每 2 分钟一条新帖）'],
    ['/piyao/rss.xml', '清河区辟谣平台 RSS', 'RSS 2.0 订阅源'],
  ];
  return page({
    title: '清河区演示站点',
    body: `<h1>清河区演示站点</h1>
<p>本站为看板内置的演示数据源，清河区及其中的地名、单位、人物均为虚构。</p>
<ul>${links.map(([href, name, note]) => `<li><a href="${href}">${esc(name)}</a>：${esc(note)}</li>`).join('')}</ul>`,
  });
}
