import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../../crawler/extract/article';
import { isMetadataLine, isPlatformNotice } from '../../../../crawler/extract/noise';

/**
 * One small page per class of extraction error, written for these tests (fictional 清河区 news,
 * no real page copied). Each page puts the class next to enough ordinary text to be realistic.
 */

const P1 = '清河区今年共完成老旧小区改造十二个，惠及居民四千余户，改造内容包括外墙保温、管网更新和加装电梯等。';
const P2 = '区住建局有关负责人介绍，改造过程中坚持“居民点单、政府买单”，先后召开居民议事会三十余场，收集意见建议二百多条。';
const P3 = '下一步，清河区将继续推进城市更新行动，计划明年再改造老旧小区十五个，并同步完善养老、托育等社区服务设施。';
const P4 = '不少居民表示，改造后小区环境明显改善，停车难、晾晒难等老问题也得到了解决，大家对今后的生活更有信心了。';

const lines = (body: string): string[] => body.split('\n');

describe('an article hidden by an inline style until a script shows it', () => {
  const html = `<html><head><title>清河区老旧小区改造惠及四千余户</title></head><body>
    <div class="top"><a href="/">首页</a> <a href="/news">新闻</a></div>
    <h1 class="rich_media_title">清河区老旧小区改造惠及四千余户</h1>
    <div class="rich_media_content" id="js_content" style="visibility: hidden;">
      <p>${P1}</p><p>${P2}</p><p>${P3}</p>
    </div>
    <script>document.getElementById('js_content').style.visibility = 'visible';</script>
    <div class="qr_code_pc"><p>微信扫一扫关注该公众号</p></div>
  </body></html>`;

  it('reads the hidden article when the visible page holds none', () => {
    expect(lines(extractArticle(html, '').body)).toEqual([P1, P2, P3]);
  });

  it('keeps hiding styled text when the visible page has its article', () => {
    const visible = html.replace('style="visibility: hidden;"', '').replace('</body>', '<div style="display:none"><p>隐藏的推广文字，不该出现在正文里，即使它也是一段完整的句子。</p></div></body>');
    expect(extractArticle(visible, '').body).not.toContain('隐藏的推广文字');
  });
});

describe('an old table layout: paragraphs straight in a cell full of link lists', () => {
  const links = (prefix: string, n: number): string =>
    Array.from({ length: n }, (_, i) => `<a href="/n/${prefix}${i}.html">${prefix}新闻标题第${i}条内容摘要</a><br>`).join('\n');
  const html = `<html><body><center>
    <table><tr><td><a href="/">首页</a> | <a href="/gn">国内</a> | <a href="/gj">国际</a></td></tr></table>
    <table><tr><td>清河区老旧小区改造惠及四千余户</td></tr><tr><td>2023-06-04 06:40 来源：清河日报</td></tr></table>
    <table><tr><td>
      <p>${P1}</p><p>${P2}</p><p>${P3}</p>
      <p>编辑：王小明</p>
      <table><tr><td>相关报道：</td></tr><tr><td>${links('相关', 8)}</td></tr></table>
      <table><tr><td>${links('热点', 20)}</td></tr></table>
      <table><tr><td>${links('推荐', 20)}</td></tr></table>
    </td></tr></table>
    <table><tr><td class="sbody">清河网著作权声明</td></tr><tr><td class="sbody">清河网的所有内容均由其内容合作方根据协议提供，本站转载的内容并不代表本站赞同其观点和对其真实性负责。如有内容合作方或个人认为本站的内容侵犯了其权益，请依法与本站联系，本站将在收到通知后及时处理，并对内容合作方的相关责任依法进行追究，特此声明，请各位读者知悉并相互转告。</td></tr></table>
  </center></body></html>`;

  it('takes the run of paragraphs, not the disclaimer box that outweighs the whole cell', () => {
    const body = extractArticle(html, '').body;
    expect(body).toContain(P1);
    expect(body).toContain(P3);
    expect(body).not.toContain('著作权声明');
    expect(body).not.toContain('热点新闻标题');
  });
});

describe('lines that only carry metadata', () => {
  it.each([
    '2024-04-07 02:34:58', '2023-07-07 09:03', '2005/06/13', '2023年6月4日 10:20', '05-13 17:08', '6天前', '1 个月 后', '刚刚', '451', '#2', '(370)',
    '来自福建省', '发布于：北京市', 'IP属地：浙江', '来自 海外', '责任编辑：', '评论13', '首赞', '4个评论', '12 条回复',
    '作者:zboygirl 阅读(1660) 评论(5) 编辑 发表于:2005-07-31 12:30', '2020.06.09 09:42 发布',
  ])('drops %s', (line) => {
    expect(isMetadataLine(line)).toBe(true);
  });

  it.each(['2023年6月3日', '5月19日', '2023年工作要点', '第3条', '来自基层的声音', '记者2023年6月4日从区教育局获悉，全区新建幼儿园三所。', '3天前，区里召开了动员会，部署夏季防汛工作。'])(
    'keeps %s',
    (line) => {
      expect(isMetadataLine(line)).toBe(false);
    },
  );

  it('recognises the notices content platforms append to their users posts', () => {
    expect(isPlatformNotice('平台声明：该文观点仅代表作者本人，清河号系信息发布平台，清河网仅提供信息存储空间服务。')).toBe(true);
    expect(isPlatformNotice('以上内容（包括图片及视频）为创作者平台用户上传并发布，本平台仅提供信息存储服务')).toBe(true);
    expect(isPlatformNotice(P1)).toBe(false);
  });

  it('leaves stamps, counters and places out of a thread, and keeps the replies', () => {
    const post = (user: string, time: string, place: string, likes: string, text: string): string => `
      <div class="reply"><div class="meta"><div class="name"><a href="/u/${user}">${user}</a></div><div class="time">${time}</div><div>${place}</div></div>
      <div class="text"><p>${text}</p></div><div class="act"><div>${likes}</div></div></div>`;
    const html = `<html><body><h1>人民路夜间施工噪音太大，有人管吗？</h1><div class="thread">
      <div class="first"><p>${P1}</p><p>请问这种情况应该打哪个电话反映？</p></div>
      ${post('香樟树', '2024-04-07 02:34:58', '来自福建省', '6765', '可以打12345热线反映，一般三个工作日内会有回复。')}
      ${post('资料搬运工', '2024-04-09 12:25:41', '来自浙江省', '3302', '我们小区也遇到过，最后是城管来协调解决的。')}
      ${post('知产人', '3天前', 'IP属地：上海', '25', '坐等结果，希望能尽快解决这个问题。')}
    </div></body></html>`;
    const body = extractArticle(html, '').body;
    expect(body).toContain('可以打12345热线反映');
    expect(body).toContain('坐等结果');
    for (const meta of ['2024-04-07', '来自福建省', '6765', '3天前', 'IP属地']) expect(body).not.toContain(meta);
  });
});

describe('the end of an article: editor labels, platform notices, disclaimers, stamps', () => {
  it('drops an empty editor label, the platform notice and the place of posting', () => {
    const html = `<html><body><h1>清河区老旧小区改造惠及四千余户</h1><article>
      <p>${P1}</p><p>${P2}</p><p>${P3}</p>
      <p>发布于：北京市</p><p>责任编辑：</p>
      <p>平台声明：该文观点仅代表作者本人，清河号系信息发布平台，清河网仅提供信息存储空间服务。</p>
    </article></body></html>`;
    expect(lines(extractArticle(html, '').body)).toEqual([P1, P2, P3]);
  });

  it('drops an anti-infringement notice with its terms and contacts', () => {
    const html = `<html><body><h1>清河区老旧小区改造惠及四千余户</h1><div class="content">
      <p>${P1}</p><p>${P2}</p><p>${P3}</p>
      <p>（清河网编辑 孙小芳）</p>
      <p>反侵权公告：</p>
      <p>根据《中华人民共和国著作权法》等法律法规，未经书面许可，擅自转载本报社作品的，将涉嫌侵犯著作权人合法权益。</p>
      <p>一、任何单位或个人使用本报社的原创内容，须事先获得书面授权。</p>
      <p>张律师（法律顾问）0432-62000000</p>
    </div></body></html>`;
    const body = extractArticle(html, '').body;
    expect(body).toContain('（清河网编辑 孙小芳）');
    for (const notice of ['反侵权公告', '著作权法', '书面授权', '法律顾问']) expect(body).not.toContain(notice);
  });

  it('drops a dated byline stamp under a blog post', () => {
    const html = `<html><body><div id="main"><div class="post"><h2>周末去清河湿地公园走了走</h2>
      <div class="postbody"><p>${P1}</p><p>${P2}</p></div>
      <div class="postfoot">作者:清河人 阅读(1660) 评论(5) 编辑 发表于:2005-07-31 12:30</div></div></div></body></html>`;
    expect(lines(extractArticle(html, '').body)).toEqual([P1, P2]);
  });
});

describe('the head of an article', () => {
  it('drops a column tag, a reporter line and the headline even when it reads like a sentence', () => {
    const title = '清河区老旧小区改造惠及四千余户，居民点赞“家门口的变化”';
    const html = `<html><head><title>${title}_清河网</title></head><body><div class="article">
      <h1 class="article__title">${title}</h1>
      <p>【新春走基层】</p><p>清河日报记者 王小明 李华</p>
      <p>${P1}</p><p>${P2}</p></div></body></html>`;
    expect(lines(extractArticle(html, '').body)).toEqual([P1, P2]);
  });
});

describe('platform widgets and comment lists under an article', () => {
  it('drops read-aloud, follow and feedback widgets and a comment list named in short', () => {
    const comment = (user: string, text: string): string =>
      `<div class="cmmts__item"><div class="item__header">${user}</div><div class="item__body">${text}</div></div>`;
    const html = `<html><body><div class="detail"><h1>清河区老旧小区改造惠及四千余户</h1>
      <div class="article-audio"><div>播报文章</div></div>
      <div class="author"><a href="/u/1">清河发布</a><div>关注</div></div>
      <div class="content"><p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P4}</p></div>
      <div class="feedback"><div>不喜欢</div><div>减少或屏蔽此类内容推荐</div></div>
      <div class="like">文章不错，点个赞吧</div>
      <div class="cmmts__wrapper"><h3>评论3</h3>
        ${comment('网友甲', '这篇文章写得好，我们小区也希望能早点改造，老人上下楼太不方便了。')}
        ${comment('网友乙', '支持！加装电梯真是办到了大家心坎上。')}
      </div></div></body></html>`;
    const body = extractArticle(html, '').body;
    expect(lines(body)).toEqual([P1, P2, P3, P4]);
  });
});

describe('text written without Chinese punctuation', () => {
  it('keeps a link that shows its own address: the author pasted it', () => {
    const html = `<html><body><h1>用户内容检测插件</h1><div class="post">
      <p>本插件基于开源项目修改，支持内容安全检测，对不合规的内容自动进入审核队列，管理员审核后才会公开显示。</p>
      <p>对应文档：<a href="https://docs.example.com/content-check/433945.html">https://docs.example.com/content-check/433945.html</a></p>
      <p><a href="https://git.example.com/qinghe/filter-plus">https://git.example.com/qinghe/filter-plus</a></p>
      </div><div class="nav"><a href="/">首页</a> <a href="/tags">标签</a></div></body></html>`;
    const body = extractArticle(html, '').body;
    expect(body).toContain('对应文档：https://docs.example.com/content-check/433945.html');
    expect(body).toContain('https://git.example.com/qinghe/filter-plus');
    expect(body).not.toContain('标签');
  });

  it('prefers a post of code and short steps to a lone punctuated notice next to it', () => {
    const html = `<html><body><div class="menu"><a href="/">首页</a> <a href="/wiki">Wiki</a> <a href="/login">登录</a></div>
      <div class="main"><div class="article"><h1>解决新项目 npm 依赖报错</h1>
        <h2>前言</h2><p>每次打开别人的新项目 npm 依赖都会各种报错很烦</p>
        <h2>解决</h2><p>安装 depcheck 工具</p><pre>npm i -g depcheck</pre>
        <p>检查项目依赖</p><pre>depcheck</pre>
        <p>找到 Missing dependencies 缺失依赖</p><p>安装缺失依赖</p><pre>npm i aaa.js bbb.js</pre></div>
      <form class="reply"><div class="tip">讨论应以学习和精进为目的。请勿发布不友善的内容，与人为善，比聪明更重要！</div><textarea></textarea></form>
      </div></body></html>`;
    const body = extractArticle(html, '').body;
    expect(body).toMatch(/^前言\n每次打开别人的新项目/);
    expect(body).toContain('npm i -g depcheck');
    expect(body).toContain('找到 Missing dependencies 缺失依赖');
  });
});
