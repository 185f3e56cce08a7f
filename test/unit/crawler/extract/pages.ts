/**
 * Small pages written for these tests, in the styles the extractor meets: a table-layout
 * government page of the GB2312 era, a modern news page with its furniture, a forum thread.
 * All names and events are fictional (清河区 is the demo district).
 */

const GOV_NAV = ['首页', '政务公开', '通知公告', '政策法规', '办事服务', '互动交流', '走进清河']
  .map((t) => `<td><a href="/${t}.html"><font color="#ffffff">${t}</font></a></td>`)
  .join('');

export const GOV_PAGE = `<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于做好2023年汛期安全工作的通知 - 清河区人民政府</title>
</head><body bgcolor="#ffffff">
<table width="980" align="center"><tr>${GOV_NAV}</tr></table>
<table width="980" align="center"><tr><td>当前位置：<a href="/">首页</a> &gt; <a href="/tzgg/">通知公告</a></td></tr></table>
<table width="980" align="center" border="0">
  <tr><td align="center"><font size="5"><b>关于做好2023年汛期安全工作的通知</b></font></td></tr>
  <tr><td align="center"><font color="#666666">发布日期：2023年06月04日&nbsp;&nbsp;来源：清河区水务局&nbsp;&nbsp;点击数：<span id="hits">128</span></font></td></tr>
  <tr><td class="zw">
    &nbsp;&nbsp;&nbsp;&nbsp;各街道办事处、区直各部门：<br><br>
    &nbsp;&nbsp;&nbsp;&nbsp;根据市防汛抗旱指挥部的统一部署，为切实做好今年汛期各项安全工作，保障人民群众生命财产安全，现将有关事项通知如下。<br><br>
    &nbsp;&nbsp;&nbsp;&nbsp;一、提高思想认识。各单位要充分认识做好汛期安全工作的重要性，克服麻痹思想和侥幸心理，把防汛工作摆在突出位置。<br><br>
    &nbsp;&nbsp;&nbsp;&nbsp;二、加强隐患排查。对辖区内河道、低洼地带、地下空间开展全面排查，发现问题及时整改，不留死角。<br><br>
    &nbsp;&nbsp;&nbsp;&nbsp;三、严格值班值守。汛期实行二十四小时值班和领导带班制度，遇有重大情况及时报告。
  </td></tr>
  <tr><td align="right">清河区防汛抗旱指挥部办公室<br>2023年6月3日</td></tr>
  <tr><td align="center">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
</table>
<table width="980" align="center"><tr><td align="center">版权所有：清河区人民政府办公室　地址：清河区人民路1号<br>备案号：京ICP备00000000号</td></tr></table>
</body></html>`;

export const NEWS_PAGE = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>清河区新建三座口袋公园 周边居民休闲有了好去处_本地新闻_清河网</title>
<meta name="keywords" content="口袋公园,清河区">
<script>window.__STATE__ = {"title":"不要把我当正文"};</script>
<style>.share{color:red}</style>
</head><body>
<header class="site-header"><div class="logo">清河网</div>
  <nav><ul><li><a href="/">首页</a></li><li><a href="/bd/">本地</a></li><li><a href="/sz/">时政</a></li><li><a href="/sh/">社会</a></li><li><a href="/ty/">体育</a></li></ul></nav>
</header>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/bd/">本地新闻</a> &gt; 正文</div>
<div class="main">
  <div class="article">
    <h1>清河区新建三座口袋公园 周边居民休闲有了好去处</h1>
    <div class="info"><span>2023-06-04 18:45:49</span> <span>来源：清河日报</span> <span>作者：张小明</span></div>
    <div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
    <div class="article-content">
      <p>　　记者近日从区园林绿化局获悉，今年新建的三座口袋公园已全部完工并向市民开放，周边居民出门几百米就能找到休闲好去处。</p>
      <p>　　据介绍，三座公园分别位于人民路、解放街和滨河东路，总面积约一点二万平方米，利用的都是城市更新中腾退出来的边角地块。</p>
      <div class="ad-slot" style="display:none">隐藏的广告文字，不应出现</div>
      <p>　　“以前这里是一片荒地，现在有了步道和健身器材，晚饭后带孩子来转转很方便。”家住附近的李阿姨说。</p>
      <p>　　区园林绿化局有关负责人表示，下一步将继续挖掘闲置地块，力争年底前再建成五座口袋公园。</p>
    </div>
    <div class="editor">责任编辑：王芳</div>
    <div class="prev-next"><p>上一篇：<a href="/1.html">清河区举办夏季招聘会</a></p><p>下一篇：<a href="/2.html">滨河东路改造工程进入收尾阶段</a></p></div>
  </div>
  <div class="related"><h3>相关阅读</h3><ul>
    <li><a href="/3.html">我区口袋公园建设经验在全市推广，获得广泛好评</a></li>
    <li><a href="/4.html">园林绿化局召开城市绿化工作推进会，部署下阶段重点任务</a></li>
    <li><a href="/5.html">市民点赞家门口的“小而美”公园，休闲生活更加便利</a></li>
  </ul></div>
  <aside class="sidebar"><h3>热门排行</h3><ol><li><a href="/6.html">清河区中考报名工作启动</a></li><li><a href="/7.html">端午假期出行指南</a></li></ol></aside>
</div>
<footer class="footer"><p>Copyright © 2023 清河网 版权所有</p><p>京ICP备00000001号 京公网安备00000000000001号</p><p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a></p></footer>
</body></html>`;

function post(n: number, user: string, when: string, text: string): string {
  return `<div id="post_${1000 + n}" class="post-wrap"><table id="pid${1000 + n}" class="plhin"><tr>
  <td class="pls"><div class="authi"><a href="/u/${n}">${user}</a></div><div>主题 12 帖子 345 积分 678</div></td>
  <td class="plc"><div class="pi"><strong>${n}#</strong> <em>发表于 ${when}</em> | <a href="#">只看该作者</a></div>
    <div class="pct"><table><tr><td class="t_f" id="postmessage_${1000 + n}">${text}</td></tr></table></div>
    <div class="po"><a href="#">回复</a> <a href="#">举报</a></div></td></tr></table></div>`;
}

export const FORUM_PAGE = `<html><head><meta charset="utf-8"><title>人民路夜间施工噪音太大，有人管吗？ - 清河论坛 - 清河社区</title></head><body>
<div id="hd"><div class="nav"><a href="/">论坛首页</a> <a href="/f/1">清河杂谈</a> <a href="/f/2">房产家居</a> <a href="/login">登录</a> <a href="/reg">注册</a></div></div>
<div id="pt" class="bm"><a href="/">清河论坛</a> › <a href="/f/1">清河杂谈</a> › 人民路夜间施工噪音太大</div>
<div id="postlist" class="pl">
  <h1 class="ts">人民路夜间施工噪音太大，有人管吗？</h1>
  ${post(1, '夜猫子', '2023-6-4 08:05', '最近一周人民路晚上十一点以后还在施工，电钻声一直响到凌晨两点，孩子根本睡不着。<br>请问这种情况应该打哪个电话反映？')}
  ${post(2, '老清河', '2023-6-4 08:30', '可以打12345热线，或者直接找城管执法局，夜间施工是需要办理许可证的。')}
  ${post(3, '楼下小王', '2023-6-4 09:12', '同样深受其害，昨天已经打过电话了，说会派人去现场核查，坐等结果。')}
</div>
<div id="ft" class="footer">Powered by Discuz! © 2001-2023 清河社区 京ICP备00000002号</div>
</body></html>`;

export const META_DATE_PAGE = `<html><head><meta charset="utf-8">
<title>区文化馆推出暑期公益课堂</title>
<meta property="article:published_time" content="2023-06-04T10:45:00Z">
<meta name="author" content="清河区文化馆">
</head><body>
<h1>区文化馆推出暑期公益课堂</h1>
<div class="content"><p>暑假将至，区文化馆推出书法、舞蹈、合唱等十二门公益课程，面向全区中小学生免费开放，名额有限，先到先得。</p>
<p>报名时间为6月10日至6月20日，家长可通过文化馆公众号在线报名，每名学生限报两门课程。</p></div>
</body></html>`;

export const RELATIVE_DATE_PAGE = `<html><head><meta charset="utf-8"><title>滨河公园的荷花开了 - 清河社区</title></head><body>
<div class="topic"><h2>滨河公园的荷花开了</h2><div class="meta">发布于 3小时前 · 楼主：摄影爱好者</div>
<div class="topic-content"><p>今天早上路过滨河公园，发现湖里的荷花已经开了一大片，粉的白的都有，拍照的人特别多，推荐大家周末去看看。</p>
<p>停车场在公园北门，早上八点以前基本都有空位，去晚了就不好找了。</p></div></div>
</body></html>`;
