import { toSimplified } from './simplify';
import { mentionsDistrict } from './district-mention';

/** What the title must name: a press conference, a press briefing (通气会) or a policy briefing (吹风会). */
const CONFERENCE = /发布会|通气会|吹风会/;
/** The official compounds; a bare "发布会" is as often a product launch. */
const NEWS_CONFERENCE = /新闻发布会|新闻通气会|新闻吹风会|政策吹风会/;
/** Who holds it, or how a government notice words it. Needed when the title has only a bare 发布会. */
const OFFICIAL = /新闻办|新闻办公室|人民政府|政府|区委|县委|市委|宣传部|政务|召开|举行|举办|预告|通报|发布厅/;
/** Launches of goods, shows and results: never a government press conference, whatever else the title says. */
const COMMERCIAL = /新品|手机|新车|车型|旗舰|芯片|游戏|专辑|电影|演唱会|楼盘|财报|年报|新款|品牌|产品|上市|招聘|招商会|融资/;
/** Inside an official compound, only goods named outright rule it out ("清河区召开新闻发布会 介绍…品牌建设" stays). */
const COMMERCIAL_STRONG = /新品|手机|新车|车型|旗舰|芯片|游戏|专辑|电影|演唱会|楼盘|财报/;

export interface PressCandidate {
  title: string;
  /** Forum posts talk about conferences; only news and notices report or announce one. */
  kind: 'news' | 'notice' | 'post';
  /** The item comes from the district's own media or own site (it speaks for the district). */
  own: boolean;
  /** The district's needles (districtNeedles); empty when no district profile is set. */
  needles: readonly string[];
}

/**
 * Whether an item announces or reports one of the district's press conferences ("清河区召开2026年第三季度
 * 新闻发布会", "新闻发布会预告", "区政府新闻办举行…发布会"):
 *  1. a news or notice item whose title names a conference (发布会 / 通气会 / 吹风会);
 *  2. the district's: the item is from its own media or site, or the title mentions the district;
 *  3. official: the title has 新闻发布会 / 新闻通气会 / 新闻吹风会 and names no goods; or a bare 发布会
 *     with an official signal (新闻办, 政府, 区委, 召开, 举行, 预告 …) and nothing commercial
 *     (新品, 产品, 品牌, 手机, 上市, 招聘 …), so "清河区某企业举行新品发布会" is not one.
 * Titles are compared after NFKC and traditional-to-simplified folding (新聞發佈會).
 */
export function isPressConference(c: PressCandidate): boolean {
  if (c.kind === 'post') return false;
  const half = c.title.normalize('NFKC');
  const t = toSimplified(half).replace(/\s+/g, '');
  if (!CONFERENCE.test(t)) return false;
  if (!c.own && !(mentionsDistrict(half, c.needles) || mentionsDistrict(t, c.needles))) return false;
  if (NEWS_CONFERENCE.test(t)) return !COMMERCIAL_STRONG.test(t);
  return OFFICIAL.test(t) && !COMMERCIAL.test(t);
}
