import { describe, expect, it } from 'vitest';
import { stripSiteSuffix } from '../../../../crawler/extract/title';
import { isBoilerplateLine, isCommentName, isNoiseName } from '../../../../crawler/extract/noise';

describe('stripSiteSuffix', () => {
  it.each([
    ['标题文字在这里_新闻_清河网', '标题文字在这里'],
    ['关于做好汛期安全工作的通知 - 清河区人民政府', '关于做好汛期安全工作的通知'],
    ['工商部门初定广告属于虚假宣传-清河财经', '工商部门初定广告属于虚假宣传'],
    ['文章标题比较长的一篇-报社新闻-查报纸网', '文章标题比较长的一篇'],
    ['清河论坛 » 人民路夜间施工噪音太大', '人民路夜间施工噪音太大'],
    ['周末 | 奋马扬鞭争春色，全力开向未来', '奋马扬鞭争春色，全力开向未来'],
    ['人物简介 - 维基百科，自由的百科全书', '人物简介'],
    ['拿起跨界指挥棒成长--清河网', '拿起跨界指挥棒成长'],
  ])('%s → %s', (input, expected) => {
    expect(stripSiteSuffix(input)).toBe(expected);
  });

  it('leaves hyphens that belong to the title', () => {
    expect(stripSiteSuffix('2019-2020年度先进集体名单公示')).toBe('2019-2020年度先进集体名单公示');
    expect(stripSiteSuffix('是你吗？ 1-2月期发票开奖')).toBe('是你吗？ 1-2月期发票开奖');
  });
});

describe('noise hints', () => {
  it('reads class and id words, BEM-aware', () => {
    expect(isNoiseName('share-bar')).toBe(true);
    expect(isNoiseName('main footer')).toBe(true);
    expect(isNoiseName('xgyd')).toBe(true);
    expect(isNoiseName('header__content__nav')).toBe(true);
    expect(isNoiseName('detail__content--recommend')).toBe(true);
    // An element called "footer" inside a card block holds that card's replies as often as links.
    expect(isNoiseName('n-thing-main__footer')).toBe(false);
    expect(isNoiseName('subnav-like article-content')).toBe(false);
    expect(isNoiseName('')).toBe(false);
    expect(isCommentName('comment-list')).toBe(true);
    expect(isCommentName('post-reply')).toBe(false);
  });

  it('recognises control, pointer, forum and legal lines, but only short ones', () => {
    for (const line of ['【打印本页】【关闭窗口】', '分享到：', '上一篇：清河区举办夏季招聘会', '当前位置：首页 > 通知公告', '版权所有 © 清河网', '京ICP备00000000号', '发表于 2023-6-4 08:05', '主题 12 帖子 345 积分 678']) {
      expect(isBoilerplateLine(line)).toBe(true);
    }
    for (const line of ['分享短链接工具：支持生成短链接', '记者近日从区园林绿化局获悉，新建公园已开放。', `版权保护是${'文化产业发展的基础，'.repeat(20)}`]) {
      expect(isBoilerplateLine(line)).toBe(false);
    }
  });
});
