import { parseDateWithPrecision, type ParsedDate } from '../pipeline/dates';
import type { Block } from './blocks';
import { isNoisy } from './weights';
import { type PageMeta } from './meta';

export interface DateContext {
  meta: PageMeta;
  blocks: readonly Block[];
  /** Block of the printed title, -1 when not found. */
  titleIndex: number;
  /** First block of the extracted body, -1 when none. */
  bodyStart: number;
  url: string;
  now: Date;
}

/** Meta names CMSs put the publication time in, most specific first. */
const META_KEYS = [
  'article:published_time', 'og:article:published_time', 'article:published', 'og:published_time', 'pubdate',
  'publishdate', 'publish_date', 'publish-date', 'publishtime', 'publish_time', 'pubtime', 'datepublished',
  'firstpublishedtime', 'weibo:article:create_at', 'dc.date.issued', 'dcterms.issued', 'dcterms.created',
  'citation_publication_date', 'citation_date', 'prism.publicationdate', 'dc.date', 'dcterms.date',
  'sailthru.date', 'parsely-pub-date', 'date',
];

/** Date-shaped spans; parseDateWithPrecision decides whether each is a real date. */
const DATE_SPAN = new RegExp(
  [
    String.raw`(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)\s*日?(?:\s*T?\s*\d{1,2}\s*[:时点]\s*\d{1,2}(?!\d)(?:\s*:\s*\d{1,2}(?!\d)|\s*分(?:\s*\d{1,2}\s*秒)?)?)?`,
    String.raw`(?<![\d/])\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?`,
    String.raw`刚刚|(?:\d+|半)\s*(?:秒|分钟|个?小时|天|周)前|(?:今天|昨天|前天)(?:\s*\d{1,2}:\d{2})?`,
    String.raw`(?<![\d-])\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?![\d:])`,
  ].join('|'),
  'gi',
);
/** A year or year-month only counts right after a label ("发布时间：2018年"). */
const LABELLED_PARTIAL = /(?:发布|发表|出版|日期|时间)\s*[:：]?\s*(\d{4}\s*年(?:\s*\d{1,2}\s*月)?|\d{4}[-/]\d{1,2}(?![\d\-/]))/g;

const STRONG_LABEL = /(?:发布|发表|发帖|发文|成文|公开|印发|上传|录入|添加|出版|刊发|刊登)(?:时间|日期|于)?\s*[:：]?\s*$|(?:publish(?:ed)?|posted|pubdate)\s*(?:on|at)?\s*[:：]?\s*$/i;
const WEAK_LABEL = /(?:时间|日期|date)\s*[:：]?\s*$/i;
const WRONG_LABEL = /(?:更新|修改|编辑于|最后|活动|会议|开始|结束|截止|报名|有效|今天是|当前|访问|登录|注册|生日|出生)/;
const BYLINE = /来源|作者|编辑|浏览|点击|阅读|记者|稿源|字号/;

interface Candidate {
  date: ParsedDate;
  score: number;
}

const PRECISION_RANK = { year: 0, month: 1, day: 2, minute: 3, second: 4 } as const;

function plausible(date: ParsedDate, now: Date): boolean {
  const at = Date.parse(date.iso);
  return at >= Date.UTC(1990, 0, 1) && at <= now.getTime() + 2 * 86_400_000;
}

/** Where the block sits relative to the title (or, without one, to the body's first paragraph). */
function positionScore(index: number, ctx: DateContext): number {
  const anchor = ctx.titleIndex >= 0 ? ctx.titleIndex : ctx.bodyStart;
  if (anchor < 0) return 0;
  const d = index - anchor;
  if (d >= 0 && d <= 12) return 30 - 2 * d;
  if (d < 0 && d >= -3) return 5;
  return -Math.min(25, Math.abs(d) / 8);
}

function blockScore(block: Block): number {
  let s = 0;
  // Dates inside sentences are what the article is about (events, deadlines), not when it appeared.
  if (block.len > 200 && block.punct > 5) s -= 20;
  else if (block.len > 50 && block.punct >= 2) s -= 15;
  if (isNoisy(block)) s -= 15;
  if (block.linkLen > block.len * 0.5) s -= 15;
  return s;
}

function labelScore(before: string, line: string): number {
  const near = before.slice(-14);
  let s = 0;
  if (STRONG_LABEL.test(near)) s += 40;
  else if (WEAK_LABEL.test(near)) s += 25;
  if (WRONG_LABEL.test(near)) s -= 35;
  if (line.length <= 80 && BYLINE.test(line)) s += 12;
  return s;
}

function textCandidates(ctx: DateContext): Candidate[] {
  const out: Candidate[] = [];
  for (const block of ctx.blocks) {
    const base = positionScore(block.index, ctx) + blockScore(block);
    for (const raw of block.lines) {
      const line = raw.normalize('NFKC');
      for (const m of line.matchAll(DATE_SPAN)) {
        const before = line.slice(0, m.index);
        const label = labelScore(before, line);
        // "刚刚", "3天前" and "06-04 18:45" are words in prose as often as dates: only alone or labelled.
        if (!/\d{4}/.test(m[0]) && label < 25 && (line.length > 40 || /^[\u4e00-\u9fa5]/.test(line.slice(m.index + m[0].length)))) continue;
        const date = parseDateWithPrecision(m[0], { now: ctx.now });
        if (!date || !plausible(date, ctx.now)) continue;
        const score = base + label + (PRECISION_RANK[date.precision] >= 3 ? 5 : 0) - block.index * 0.001;
        out.push({ date, score });
      }
      for (const m of line.matchAll(LABELLED_PARTIAL)) {
        const date = parseDateWithPrecision(m[1], { partial: true });
        if (date && plausible(date, ctx.now)) out.push({ date, score: base + 30 - block.index * 0.001 });
      }
    }
  }
  return out;
}

function metaCandidates(ctx: DateContext): Candidate[] {
  const out: Candidate[] = [];
  for (const key of META_KEYS) {
    for (const value of ctx.meta.metas.get(key) ?? []) {
      const date = parseDateWithPrecision(value, { partial: true });
      // Generic "date" names are sometimes the page's build time; the published-time names are not.
      const trust = key === 'date' || key === 'dc.date' || key === 'dcterms.date' ? 70 : 100;
      if (date && plausible(date, ctx.now)) out.push({ date, score: trust - META_KEYS.indexOf(key) * 0.1 });
    }
  }
  for (const value of ctx.meta.times) {
    const date = parseDateWithPrecision(value);
    if (date && plausible(date, ctx.now)) out.push({ date, score: 75 });
  }
  return out;
}

/** /2023-06/04/, /20230604/, /2023/0604/ in the address: day precision at best. */
function urlCandidate(url: string, now: Date): Candidate | null {
  const m = /(?<!\d)(20\d{2}|19\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)/.exec(url);
  if (!m) return null;
  const date = parseDateWithPrecision(`${m[1]}-${m[2]}-${m[3]}`);
  return date && plausible(date, now) ? { date, score: 1 } : null;
}

/**
 * The publication time: a meta tag when there is one, else the best date-shaped text (labelled
 * "发布时间" and the like, close after the title, outside prose, link lists and furniture), else
 * a date in the URL. A meta value loses to a more precise printed time on the same day.
 */
export function extractPublished(ctx: DateContext): ParsedDate | null {
  const text = textCandidates(ctx);
  const all = [...metaCandidates(ctx), ...text];
  const fromUrl = urlCandidate(ctx.url, ctx.now);
  if (fromUrl) all.push(fromUrl);
  let best: Candidate | null = null;
  for (const c of all) if (!best || c.score > best.score) best = c;
  if (!best || best.score < 0) return null;
  const chosen = best.date;
  const day = chosen.iso.slice(0, 10);
  const finer = text
    .filter((c) => c.score >= 0 && c.date.iso.slice(0, 10) === day && PRECISION_RANK[c.date.precision] > PRECISION_RANK[chosen.precision])
    .sort((a, b) => b.score - a.score)[0];
  return (finer ?? best).date;
}
