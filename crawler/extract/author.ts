import type { Block, NamedByline } from './blocks';
import { firstMeta, type PageMeta } from './meta';

export interface BylineContext {
  meta: PageMeta;
  blocks: readonly Block[];
  bylines: readonly NamedByline[];
  titleIndex: number;
  /** Block range of the extracted body, [start, end); start -1 when none. */
  bodyStart: number;
  bodyEnd: number;
}

/**
 * Labels in order of preference: a person before an outlet, since the outlet is often the site
 * itself; the editor only when nothing else is printed. Most labels need a colon: "撰文指出" and
 * "作者说" are sentences. "文/" and "by" are bylines by form.
 */
const PERSON_LABEL = /(?:作\s*者|撰\s*文|撰\s*稿人?|发布者|发布人|发帖人|发表者|楼\s*主|供\s*稿人?|责任者|author)\s*[:：]\s*|(?<![\u4e00-\u9fa5])文\s*[/／]\s*|\bby\s+/gi;
const SOURCE_LABEL = /(?:信息来源|文章来源|新闻来源|消息来源|稿件来源|来\s*源|稿\s*源|出\s*处|转载自|source)\s*[:：]\s*/gi;
const EDITOR_LABEL = /(?:责任编辑|责编|编\s*辑)\s*[:：]\s*/g;
const REPORTER = /(?:记者|通讯员)\s*[:：]?\s*((?:[\u4e00-\u9fa5·]{2,4}[\s、，,]*){1,4})/g;

/**
 * Where a name printed after a label ends: a bracket or separator, a date, or the next label. A
 * label word only counts after a space or before a colon, so "摄影爱好者" stays one name.
 */
const LABEL_WORDS = String.raw`来\s*源|作\s*者|责任编辑|编辑|发布|时间|日期|点击|浏览|阅读|人气|字号|打印|关闭|分享|记者|摄影|通讯员|审核|校对|评论|收藏`;
const NAME_END = new RegExp(
  String.raw`[|｜,，;；【】[\]()（）<>《》〓■□◆◇●○★☆※→]|\s[-–—·]\s|\s(?:${LABEL_WORDS})|(?:${LABEL_WORDS})\s*[:：]|\d{4}\s*[-/.年]|\d{1,2}\/\d{1,2}\/\d{4}`,
  'i',
);
const MAX_NAME = 40;

function cleanName(raw: string): string | null {
  const start = raw.replace(/^[\s[【(（]+/, '');
  const cut = NAME_END.exec(start);
  let name = (cut ? start.slice(0, cut.index) : start).trim().replace(/[:：.。\s]+$/, '');
  name = name.replace(/(?:报道|摄影?|讯|电)$/, '').trim();
  // Template debris ('size="20"') and addresses are not names.
  if (!name || name.length > MAX_NAME || /^\d+$/.test(name) || /[=<>"']|^https?:|^www\./i.test(name)) return null;
  return name;
}

function byLabel(line: string, label: RegExp): string | null {
  label.lastIndex = 0;
  for (let m = label.exec(line); m; m = label.exec(line)) {
    const name = cleanName(line.slice(m.index + m[0].length, m.index + m[0].length + 60));
    if (name) return name;
  }
  return null;
}

/**
 * "记者 张三" is a byline on a short line or in brackets ("（记者 张三 李四）"); in a sentence
 * ("记者从上海获悉") it is a word.
 */
function reporter(line: string): string | null {
  REPORTER.lastIndex = 0;
  for (let m = REPORTER.exec(line); m; m = REPORTER.exec(line)) {
    const bracketed = /[（(]/.test(line.slice(Math.max(0, m.index - 12), m.index)) && /^[^（(]*[）)]/.test(line.slice(m.index));
    if (line.length > 40 && !bracketed) continue;
    const names = (m[1] ?? '').replace(/[、，,]+/g, ' ').trim();
    const cut = names.replace(/(?:报道|摄影?|讯|电)$/, '').trim();
    if (cut) return cleanName(cut);
  }
  return null;
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
    add(ctx.bodyStart - 30, ctx.bodyStart + 8);
    add(ctx.bodyEnd - 4, ctx.bodyEnd + 4);
  }
  return picked;
}

/** An unlabelled byline, recognised by the name of the short element that holds it. */
function byClassName(bylines: readonly NamedByline[], near: ReadonlySet<number>): string | null {
  for (const b of bylines) {
    if (!near.has(b.index)) continue;
    const name = cleanName(b.text.normalize('NFKC').replace(/^(?:来源|作者|编辑|记者|文)\s*[:：/]?\s*/, ''));
    if (name) return name;
  }
  return null;
}

/**
 * The byline as printed: the author ("作者：", "文/", "记者 …") when the page names one, else the
 * source outlet ("来源："), the editor, an element named like a byline, else <meta name="author">. Only blocks around the title and the
 * body's ends are read, so a "来源" in a sidebar list never wins.
 */
export function extractAuthor(ctx: BylineContext): string | null {
  const blocks = searchOrder(ctx);
  const lines = blocks.filter((b) => b.linkLen <= b.len * 0.5).flatMap((b) => b.lines.map((l) => l.normalize('NFKC')));
  const finders = [(l: string) => byLabel(l, PERSON_LABEL), reporter, (l: string) => byLabel(l, SOURCE_LABEL), (l: string) => byLabel(l, EDITOR_LABEL)];
  for (const finder of finders) {
    for (const line of lines) {
      if (line.length > 300) continue;
      const found = finder(line);
      if (found) return found;
    }
  }
  const named = byClassName(ctx.bylines, new Set(blocks.map((b) => b.index)));
  if (named) return named;
  const meta = firstMeta(ctx.meta, ['citation_author', 'citation_authors', 'author', 'article:author', 'dc.creator', 'byl']);
  return meta && !/^https?:/i.test(meta) && meta.length <= MAX_NAME ? meta : null;
}
