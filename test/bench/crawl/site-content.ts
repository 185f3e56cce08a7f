import { markerFor } from './markers';

/**
 * Deterministic page content for the benchmark site: a district government news section in the
 * shape TRS/Hanweb-style CMSs produce (meta-heavy head, nav, breadcrumb, long article in #zoom,
 * share bar, related links, footer with 备案 numbers). Everything derives from (seed, id).
 */

export type ArticleCharset = 'utf-8' | 'gbk-header' | 'gbk-meta';

/** mulberry32: small, fast, and the same on every machine. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed: number, id: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(id + 1, 0xc2b2ae35)) >>> 0;
}

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T;
}

const SUBJECTS = [
  '区委宣传部', '区卫生健康委员会', '区应急管理局', '区市场监督管理局', '区住房和城乡建设局', '区教育局',
  '区生态环境分局', '区融媒体中心', '各街道办事处', '区城市管理综合执法局', '区文化和旅游局',
  '区人力资源和社会保障局', '区民政局', '区交通运输局', '区农业农村局', '区公安分局', '区委网信办', '区疾控中心',
];
const ACTIONS = [
  '召开专题会议，研究部署', '深入基层一线，实地调研', '印发实施方案，全面推进', '组织开展集中宣传活动，聚焦',
  '联合多部门开展专项检查，围绕', '召开新闻发布会，通报', '举办业务培训班，进一步提升', '持续推进', '扎实做好', '着力加强',
];
const OBJECTS = [
  '防汛抗旱工作', '安全生产隐患排查整治', '老旧小区改造', '食品安全监管', '垃圾分类宣传', '网络谣言治理',
  '流感防控知识普及', '校园周边环境整治', '文明城市创建', '优化营商环境', '养老服务体系建设', '河道综合治理',
  '燃气安全检查', '就业创业服务', '冬季供暖保障', '背街小巷环境提升', '医疗救治能力建设', '粮油市场价格监测',
];
const DETAILS = [
  '会议要求，各单位要提高政治站位，强化责任担当，进一步压实各方责任，确保各项措施落地见效。',
  '截至目前，已累计排查点位一千二百余处，发现并督促整改问题三百余项，整改完成率达百分之九十以上。',
  '下一步，将持续加大工作力度，坚持问题导向，建立健全长效机制，推动工作常态化、制度化。',
  '活动现场，工作人员向过往居民发放宣传资料，并耐心解答群众关心的热点问题。',
  '据介绍，此次活动覆盖全区十二个街道、一百余个社区，参与群众累计超过两万人次。',
  '广大市民如发现相关问题线索，可拨打政务服务便民热线反映，有关部门将及时核实处理。',
  '有关部门提醒，请广大市民以官方发布的信息为准，不信谣、不传谣，共同维护良好网络环境。',
  '与会人员围绕重点任务逐项对账销号，对存在的短板弱项进行了深入分析，并提出了具体改进措施。',
  '区领导指出，要坚持以人民为中心的发展思想，切实把好事办好、实事办实，不断增强群众获得感。',
  '检查组采取“四不两直”方式，随机抽查了辖区内多家经营单位，对发现的问题当场反馈并限期整改。',
  '专家提示，近期气温波动较大，老人、儿童等重点人群要注意增减衣物，出现发热症状应及时就医。',
  '各街道结合实际，创新工作方法，通过“网格员+志愿者”模式，把服务送到群众家门口。',
  '该项目总投资约三点二亿元，预计年底前完成主体工程建设，建成后将惠及周边居民四万余人。',
  '会上还通报了上一阶段工作进展情况，并对下一阶段重点工作作出具体安排。',
  '据统计，今年以来全区共受理群众诉求八千六百余件，按时办结率、群众满意率均位居全市前列。',
  '相关负责人表示，将以此次活动为契机，进一步完善工作机制，推动形成齐抓共管的良好局面。',
];
const CHANNELS = ['首页', '政务要闻', '部门动态', '街道动态', '通知公告', '政策文件', '政策解读', '图片新闻', '视频新闻', '专题专栏', '政务公开', '互动交流', '办事服务', '数据开放'];
const PLACES = ['清河街道', '西山街道', '东湖街道', '南苑街道', '北城街道', '新桥镇', '柳林镇', '高新园区'];

const PARAGRAPH_POOL_SIZE = 1_024;

export interface ContentModel {
  seed: number;
  paragraphs: string[];
}

/** A fixed pool of paragraphs per seed, so a page is cheap to assemble (the site runs next to the crawler). */
export function createContentModel(seed: number): ContentModel {
  const rng = createRng(seed);
  const paragraphs: string[] = [];
  for (let i = 0; i < PARAGRAPH_POOL_SIZE; i++) {
    const sentences: string[] = [];
    const n = 2 + Math.floor(rng() * 4);
    for (let s = 0; s < n; s++) {
      sentences.push(rng() < 0.5 ? `${pick(rng, SUBJECTS)}${pick(rng, ACTIONS)}${pick(rng, OBJECTS)}。` : pick(rng, DETAILS));
    }
    paragraphs.push(sentences.join(''));
  }
  return { seed, paragraphs };
}

/** A fifth of the articles are GBK; half of those declare it only in <meta charset>. */
export function articleCharset(seed: number, id: number): ArticleCharset {
  const r = mix(seed ^ 0x51ed, id) % 10;
  return r === 0 ? 'gbk-meta' : r === 1 ? 'gbk-header' : 'utf-8';
}

const BASE_MS = Date.UTC(2024, 5, 30, 1, 30); // 2024-06-30 09:30 Beijing time; id 0 is the newest.

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function beijing(id: number): { ymd: string; compact: string; month: string; time: string } {
  const d = new Date(BASE_MS - id * 37 * 60_000 + 8 * 3_600_000);
  const y = d.getUTCFullYear();
  const mo = pad(d.getUTCMonth() + 1);
  const day = pad(d.getUTCDate());
  return { ymd: `${y}-${mo}-${day}`, compact: `${y}${mo}${day}`, month: `${y}${mo}`, time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` };
}

export function articlePath(id: number): string {
  const t = beijing(id);
  return `/xwzx/${t.month}/t${t.compact}_${id}.html`;
}

export function listPath(page: number): string {
  return page === 1 ? '/xwzx/index.html' : `/xwzx/index_${page - 1}.html`;
}

export function articleTitle(seed: number, id: number): string {
  const rng = createRng(mix(seed ^ 0x7171, id));
  return `${pick(rng, PLACES)}：${pick(rng, SUBJECTS)}${pick(rng, ['部署推进', '扎实开展', '全力抓好', '专题研究', '督导检查'])}${pick(rng, OBJECTS)}`;
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

const STATS_SCRIPT = `<script type="text/javascript">
var _hmt = _hmt || [];
(function () {
  var hm = document.createElement("script");
  hm.src = "/js/stat.js?v=20240630";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
})();
function setFontSize(size) { var z = document.getElementById("zoom"); if (z) { z.style.fontSize = size + "px"; } }
function printPage() { window.print(); }
var siteConfig = { siteId: "qinghe-gov", columnId: "xwzx", searchUrl: "/search/index.html", accessible: true, oldMode: false };
</script>`;

function headerHtml(): string {
  const nav = CHANNELS.map((c, i) => `<li${i === 1 ? ' class="on"' : ''}><a href="/${i === 0 ? '' : `col${i}/`}index.html">${c}</a></li>`).join('\n');
  return `<div class="top-bar"><div class="w1200"><span class="welcome">欢迎访问清河区人民政府门户网站！</span><a href="/wza/index.html">无障碍浏览</a> | <a href="/zxgn/index.html">长者模式</a> | <a href="/en/index.html">English</a></div></div>
<div class="header"><div class="w1200"><a class="logo" href="/index.html"><img src="/images/logo.png" alt="清河区人民政府"></a>
<form class="search" action="/search/index.html" method="get"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form></div></div>
<nav class="main-nav"><ul class="w1200">
${nav}
</ul></nav>`;
}

function footerHtml(): string {
  return `<div class="footer"><div class="w1200">
<div class="links"><a href="/about/index.html">关于本网</a> | <a href="/sitemap/index.html">网站地图</a> | <a href="/contact/index.html">联系我们</a> | <a href="/privacy/index.html">隐私声明</a></div>
<p>主办单位：清河区人民政府办公室　承办单位：清河区融媒体中心</p>
<p>地址：清河区人民路一号　邮编：100000　联系电话：010-00000000</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">京ICP备00000000号-1</a>　<img src="/images/ga.png" alt="">京公网安备 00000000000000号　网站标识码：0000000000</p>
<p><a href="/jiucuo/index.html"><img src="/images/jiucuo.png" alt="政府网站找错"></a>　<img src="/images/dzjg.png" alt="党政机关"></p>
</div></div>`;
}

function headHtml(title: string, charsetTag: string, extra: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${charsetTag}
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(title)}_清河区人民政府</title>
<meta name="SiteName" content="清河区人民政府">
<meta name="SiteDomain" content="www.qinghe.gov.example">
<meta name="SiteIDCode" content="0000000000">
<meta name="ColumnName" content="政务要闻">
<meta name="ColumnType" content="新闻">
${extra}
<link rel="stylesheet" href="/css/common.css?v=20240630">
<link rel="stylesheet" href="/css/article.css?v=20240630">
<script src="/js/jquery.min.js"></script>
${STATS_SCRIPT}
</head>`;
}

const DETAIL_ACTIONS = ['召开', '部署', '推进', '开展'];

/** One article page as text, and the charset its bytes must be written in. */
export function renderArticle(model: ContentModel, id: number, total: number): { html: string; charset: ArticleCharset } {
  const { seed } = model;
  const rng = createRng(mix(seed, id));
  const charset = articleCharset(seed, id);
  const title = articleTitle(seed, id);
  const t = beijing(id);
  const source = pick(rng, SUBJECTS);
  const charsetTag = charset === 'utf-8' ? '<meta charset="utf-8">' : '<meta charset="gbk">';
  const extra = `<meta name="ArticleTitle" content="${esc(title)}">
<meta name="PubDate" content="${t.ymd} ${t.time}">
<meta name="ContentSource" content="${source}">
<meta name="Keywords" content="${pick(rng, OBJECTS)},${pick(rng, OBJECTS)},${pick(rng, PLACES)}">
<meta name="Description" content="${esc(title)}。${pick(rng, DETAILS).slice(0, 40)}">
<meta property="og:title" content="${esc(title)}">`;

  // Pages span 20–60 KB on the wire; a hanzi is 3 bytes in UTF-8 and 2 in GBK. Chrome is ~6 KB.
  const targetBytes = 20_000 + Math.floor(rng() * 40_000);
  const budgetChars = Math.floor((targetBytes - 6_000) / (charset === 'utf-8' ? 3 : 2));
  const paragraphs: string[] = [];
  let chars = 0;
  while (chars < budgetChars) {
    const p = model.paragraphs[Math.floor(rng() * model.paragraphs.length)] as string;
    paragraphs.push(p);
    chars += p.length + 12;
  }
  const markerAt = 1 + Math.floor(rng() * Math.max(1, paragraphs.length - 1));
  paragraphs.splice(markerAt, 0, `经核实，${pick(rng, PLACES)}${pick(rng, DETAIL_ACTIONS)}相关工作情况属实，本文${markerFor(id)}，特此说明。`);
  const body = paragraphs.map((p) => `<p style="text-indent:2em;">${p}</p>`).join('\n');

  const related: string[] = [];
  for (let k = 1; k <= 10; k++) {
    const other = (id + k * 7) % total;
    related.push(`<li><a href="${articlePath(other)}" target="_blank">${esc(articleTitle(seed, other))}</a><span>${beijing(other).ymd}</span></li>`);
  }

  const html = `${headHtml(title, charsetTag, extra)}
<body>
${headerHtml()}
<div class="w1200 crumbs">当前位置：<a href="/index.html">首页</a> &gt; <a href="/xwzx/index.html">政务要闻</a> &gt; 正文</div>
<div class="w1200 article">
<h1 class="article-title">${esc(title)}</h1>
<div class="article-meta"><span class="pub-time">发布时间：${t.ymd} ${t.time}</span><span class="source">来源：${source}</span><span class="views">浏览次数：<em id="views">${Math.floor(rng() * 5000)}</em></span>
<span class="font">字号：<a href="javascript:setFontSize(20)">大</a> <a href="javascript:setFontSize(16)">中</a> <a href="javascript:setFontSize(14)">小</a></span></div>
<div id="zoom" class="TRS_Editor">
<script>var articleId = ${id};</script>
${body}
<p style="text-align:right;">（责任编辑：${pick(rng, ['王明', '李华', '张强', '刘洋', '陈静'])}）</p>
</div>
<div class="share-bar">分享到：<a class="wx" href="javascript:void(0)">微信</a><a class="wb" href="https://service.weibo.com/share/share.php" target="_blank">微博</a><a class="qq" href="javascript:void(0)">QQ空间</a>
<a href="javascript:printPage()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h3>相关阅读</h3><ul>
${related.join('\n')}
</ul></div>
</div>
${footerHtml()}
</body>
</html>`;
  return { html, charset };
}

/** List page `page` (1-based) of `pages`, linking articles [(page-1)*perList, page*perList). */
export function renderList(seed: number, page: number, pages: number, perList: number, total: number): string {
  const items: string[] = [];
  for (let id = (page - 1) * perList; id < Math.min(total, page * perList); id++) {
    items.push(`<li><a href="${articlePath(id)}" title="${esc(articleTitle(seed, id))}" target="_blank">${esc(articleTitle(seed, id))}</a><span class="date">${beijing(id).ymd}</span></li>`);
  }
  const pager = [`<a href="${listPath(1)}">首页</a>`];
  if (page > 1) pager.push(`<a class="prev" href="${listPath(page - 1)}">上一页</a>`);
  pager.push(`<span class="cur">${page}/${pages}</span>`);
  if (page < pages) pager.push(`<a class="next" href="${listPath(page + 1)}">下一页</a>`);
  pager.push(`<a href="${listPath(pages)}">尾页</a>`);
  return `${headHtml(`政务要闻（第${page}页）`, '<meta charset="utf-8">', '<meta name="Keywords" content="政务要闻">')}
<body>
${headerHtml()}
<div class="w1200 crumbs">当前位置：<a href="/index.html">首页</a> &gt; 政务要闻</div>
<div class="w1200 list-box">
<ul class="news-list">
${items.join('\n')}
</ul>
<div class="pager">${pager.join('')}</div>
</div>
${footerHtml()}
</body>
</html>`;
}
