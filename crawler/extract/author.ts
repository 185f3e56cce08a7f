import type { Block } from './blocks';
import { firstMeta, type PageMeta } from './meta';

export interface BylineContext {
  meta: PageMeta;
  blocks: readonly Block[];
  titleIndex: number;
  /** Block range of the extracted body, [start, end); start -1 when none. */
  bodyStart: number;
  bodyEnd: number;
}

/** Labels in order of preference: a person before an outlet, since the outlet is often the site itself. */
const PERSON_LABEL = /(?:作\s*者|撰\s*文|撰稿人?|文\s*[/／]|发布者|发布人|发帖人|发表者|楼主|供稿人?|责任者|author|by)\s*[:：]?\s*/gi;
const SOURCE_LABEL = /(?:信息来源|文章来源|新闻来源|消息来源|稿件来源|来\s*源|稿\s*源|出\s*处|转载自|source)\s*[:：]\s*/gi;
const REPORTER = /(?:记者|通讯员)\s*[:：]?\s*((?:[\u4e00-\u9fa5·]{2,4}[\s、，,]*){1,4})/g;

/** Where a name printed after a label ends: the next label, a date, a bracket or a separator. */
const NAME_END =
  /[|｜,，;；【】[\]()（）<>《》]|\s[-–—]\s|(?:来\s*源|作\s*者|责任编辑|编辑|发布|时间|日期|点击|浏览|阅读|人气|字号|打印|关闭|分享|记者|摄影|通讯员|审核|校对|评论|收藏|\d{4}\s*[-/.年]|\d{1,2}\/\d{1,2}\/\d{4})/i;
const MAX_NAME = 40;

function cleanName(raw: string): string | null {
  const cut = NAME_END.exec(raw);
  let name = (cut ? raw.slice(0, cut.index) : raw).trim().replace(/[:：.。\s]+$/, '');
  name = name.replace(/(?:报道|摄影?|讯|电)$/, '').trim();
  if (!name || name.length > MAX_NAME || /^\d+$/.test(name) || /^https?:/i.test(name)) return null;
  return name;
}

function byLabel(line: string, label: RegExp): string | null {
  label.lastIndex = 0;
  for (let m = label.exec(line); m; m = label.exec(line)) {
    // "by" and "author" are English words as well as labels: demand a word boundary before them.
    if (/^[a-z]/i.test(m[0]) && m.index > 0 && /[a-z]/i.test(line[m.index - 1] ?? '')) continue;
    const name = cleanName(line.slice(m.index + m[0].length, m.index + m[0].length + 60));
    if (name) return name;
  }
  return null;
}

function reporter(line: string): string | null {
  REPORTER.lastIndex = 0;
  const m = REPORTER.exec(line);
  return m?.[1] ? cleanName(m[1].replace(/[、，,]+/g, ' ')) : null;
}

/** Blocks to search, nearest the title first: the byline sits under the title or at the body's end. */
function searchOrder(ctx: BylineContext): Block[] {
  const picked: Block[] = [];
  const seen = new Set<number>();
  const add = (from: number, to: number): void => {
    for (let i = Math.max(0, from); i < Math.min(ctx.blocks.length, to); i++) {
      if (!seen.has(i)) {
        seen.add(i);
        picked.push(ctx.blocks[i]!);
      }
    }
  };
  if (ctx.titleIndex >= 0) add(ctx.titleIndex - 2, ctx.titleIndex + 15);
  if (ctx.bodyStart >= 0) {
    add(ctx.bodyStart - 8, ctx.bodyStart + 3);
    add(ctx.bodyEnd - 4, ctx.bodyEnd + 4);
  }
  return picked;
}

/**
 * The byline as printed: the author ("作者：", "文/", "记者 …") when the page names one, else the
 * source outlet ("来源："), else <meta name="author">. Only blocks around the title and the
 * body's ends are read, so a "来源" in a sidebar list never wins.
 */
export function extractAuthor(ctx: BylineContext): string | null {
  const blocks = searchOrder(ctx);
  const lines = blocks.flatMap((b) => b.lines.map((l) => l.normalize('NFKC')));
  for (const finder of [(l: string) => byLabel(l, PERSON_LABEL), reporter, (l: string) => byLabel(l, SOURCE_LABEL)]) {
    for (const line of lines) {
      if (line.length > 300) continue;
      const found = finder(line);
      if (found) return found;
    }
  }
  const meta = firstMeta(ctx.meta, ['author', 'article:author', 'dc.creator', 'byl', 'source']);
  return meta && !/^https?:/i.test(meta) && meta.length <= MAX_NAME ? meta : null;
}
