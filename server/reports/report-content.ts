import type { CategoryTotal } from '../contracts/ledger';
import type { ChartBlock, ReportBlock, ReportDocument, ReportRun, ReportSection, TableBlock } from './document';
import type { ReportFigures } from './report-figures';

/** Where the figures can be checked: the dashboard's address, for links that work from Word. */
export interface ContentOptions {
  baseUrl: string;
  generatedAt: Date;
}

const SHANGHAI_MS = 8 * 3_600_000;
/** Automatic counts reported in the news section rather than among the outreach outputs. */
const NEWS_KEYS = ['own-media-news', 'higher-media', 'press-conferences'] as const;
const MAX_UNIT_BARS = 15;
const IDS_LISTED = 30;

/**
 * How a summary writes a count: 800 → "800", 32,000 → "3.2万", 12,345 → "1.2万余" (truncated, and
 * 余 says there is more, as in "印制宣传单xx万余张"). Exact figures are in the tables.
 */
export function chineseCount(n: number): string {
  const scaled = (unit: number, word: string) => {
    const tenths = Math.floor((n / unit) * 10);
    return `${(tenths / 10).toFixed(1).replace(/\.0$/, '')}${word}${tenths * (unit / 10) < n ? '余' : ''}`;
  };
  if (n >= 1e8) return scaled(1e8, '亿');
  if (n >= 1e4) return scaled(1e4, '万');
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** The verb a summary puts before each default output ("发布户外广告牌…，悬挂标语横幅…"). */
const VERBS: Record<string, string> = {
  billboards: '发布', screens: '利用', banners: '悬挂', leaflets: '印制发放', guides: '印制', 'group-messages': '发送',
  vehicles: '出动', loudspeakers: '统筹利用', 'village-broadcast': '利用', 'online-campaigns': '开展', rebuttals: '发布',
};

/** Exact, with thousands separators, for tables. */
const exact = (n: number) => (Number.isInteger(n) ? n : Math.round(n * 100) / 100).toLocaleString('en-US');

function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
export function periodLabel(from: string, to: string): string {
  if (from === to) return dayLabel(from);
  const [fy] = from.split('-');
  const [ty, tm, td] = to.split('-').map(Number);
  return fy === String(ty) ? `${dayLabel(from)}至${tm}月${td}日` : `${dayLabel(from)}至${dayLabel(to)}`;
}
function shanghaiStamp(d: Date): string {
  const s = new Date(d.getTime() + SHANGHAI_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

function qs(params: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) p.set(k, String(v));
  return p.toString();
}

const text = (t: string): ReportRun => ({ text: t });
const figure = (t: string, link?: string): ReportRun => ({ text: t, bold: true, link });
const paragraph = (...runs: ReportRun[]): ReportBlock => ({ type: 'paragraph', runs });

/** Builds the department-style work summary from the figures. Pure: the same figures give the same document. */
export function buildReportDocument(f: ReportFigures, o: ContentOptions): ReportDocument {
  const base = o.baseUrl.replace(/\/+$/, '');
  const scope = f.unit?.name ?? f.districtName ?? '全区';
  const period = periodLabel(f.from, f.to);
  const unitParam = f.unit?.id;
  const entriesLink = (category?: string) =>
    `${base}/api/ledger/entries?${qs({ from: f.from, to: f.to, unitId: unitParam, category, pageSize: 500 })}`;
  const searchLink = (extra: Record<string, string> = {}) => `${base}/search?${qs({ from: f.from, to: f.to, ...extra })}`;
  const basisLink = (t: CategoryTotal): string | undefined => {
    if (!t.basis) return entriesLink(t.key);
    if (t.basis.links[0]) return `${base}${t.basis.links[0]}`;
    if (t.basis.kind === 'rebuttals') return `${base}/api/rebuttals`;
    return undefined;
  };
  const trace: ReportRun[][] = [];
  const traced = (label: string, t: CategoryTotal) => {
    const basis = t.basis
      ? `${t.basis.kind === 'rebuttals' ? '辟谣记录' : '采集信息'} ${t.basis.ids.length}${t.basis.truncated ? '+' : ''} 条` +
        (t.basis.ids.length ? `（编号 ${t.basis.ids.slice(0, IDS_LISTED).join('、')}${t.basis.ids.length > IDS_LISTED ? ' 等' : ''}）` : '')
      : `台账记录 ${t.entries} 条`;
    trace.push([text(label), text(`${exact(t.quantity)}${t.measure}`), text(t.basis ? '自动统计' : '单位报送'), figure(basis, basisLink(t))]);
  };

  const sections: ReportSection[] = [
    overview(f, scope, period, { entriesLink, searchLink }),
    outreach(f, { entriesLink, basisLink, traced }),
  ];
  if (f.unit === null) sections.push(news(f, { basisLink, traced }));
  if (f.monitoring) sections.push(monitoring(f, searchLink, trace, base));
  sections.push({
    heading: '下一步工作',
    blocks: [{ type: 'prompt', text: '（请结合本期情况填写下一步工作安排：重点任务、薄弱环节与改进措施。本节不自动生成。）' }],
  });
  sections.push({
    heading: '附：数据来源',
    numbered: false,
    blocks: [
      paragraph(text('本报告中的每个数字均可追溯：单位报送的数字来自宣传工作台账记录，自动统计的数字来自系统采集和辟谣台账。点击数字或下表链接可查看明细。')),
      { type: 'table', caption: '数字与来源', columns: ['项目', '数字', '方式', '依据'], rows: trace, align: ['left', 'right', 'left', 'left'] },
    ],
  });
  return {
    title: `${scope}宣传工作总结`,
    subtitle: `（${period}）`,
    sections,
    footer: `本报告由舆情监测与宣传工作看板于 ${shanghaiStamp(o.generatedAt)}（北京时间）根据台账和监测数据自动生成，“下一步工作”由撰写人补充。`,
  };
}

function overview(
  f: ReportFigures,
  scope: string,
  period: string,
  links: { entriesLink: (c?: string) => string; searchLink: (x?: Record<string, string>) => string },
): ReportSection {
  const reporting = f.units.filter((u) => u.entries > 0 || u.zeroDays > 0).length;
  const entries = f.units.reduce((a, u) => a + u.entries, 0);
  const zero = f.units.reduce((a, u) => a + u.zeroDays, 0);
  const blocks: ReportBlock[] = [
    paragraph(
      text(`${period}，${scope}共有报送单位`),
      figure(String(f.units.length)),
      text('个，其中'),
      figure(String(reporting)),
      text('个单位报送了宣传工作台账，累计报送记录'),
      figure(exact(entries), links.entriesLink()),
      text('条，零报告'),
      figure(String(zero)),
      text('次。'),
    ),
  ];
  const m = f.monitoring;
  if (m) {
    const change = m.previousItemsTotal > 0 ? Math.round(((m.itemsTotal - m.previousItemsTotal) / m.previousItemsTotal) * 1000) / 10 : null;
    blocks.push(
      paragraph(
        text('同期共监测采集网络信息'),
        figure(chineseCount(m.itemsTotal), links.searchLink()),
        text(
          change === null ? '条' : `条，较上一周期${change > 0 ? `增长${change}%` : change < 0 ? `下降${-change}%` : '持平'}`,
        ),
        text('；发现疑似谣言'),
        figure(exact(m.suspectsTotal), links.searchLink({ tag: 'rumor-suspect' })),
        text('条，核实确认谣言'),
        figure(String(m.confirmedTotal)),
        text('条，发布辟谣信息'),
        figure(String(m.rebuttedTotal)),
        text('条。'),
      ),
    );
  }
  return { heading: '总体情况', blocks };
}

function outreach(
  f: ReportFigures,
  h: { entriesLink: (c?: string) => string; basisLink: (t: CategoryTotal) => string | undefined; traced: (l: string, t: CategoryTotal) => void },
): ReportSection {
  const outputs = f.outreach.filter((t) => !(NEWS_KEYS as readonly string[]).includes(t.key));
  const done = outputs.filter((t) => t.quantity > 0);
  const none = outputs.filter((t) => t.quantity === 0);
  const runs: ReportRun[] = [text('本期共')];
  done.forEach((t, i) => {
    runs.push(text(`${i ? '，' : ''}${VERBS[t.key] ?? ''}${t.name}`), figure(chineseCount(t.quantity), h.basisLink(t)), text(t.measure));
    h.traced(t.name, t);
  });
  runs.push(text('。'));
  const blocks: ReportBlock[] = [
    done.length ? paragraph(...runs) : paragraph(text('本期没有报送宣传产出。')),
  ];
  if (none.length) blocks.push(paragraph(text(`本期无报送的类别：${none.map((t) => t.name).join('、')}。`)));
  blocks.push({
    type: 'table',
    caption: '宣传产出明细',
    columns: ['类别', '数量', '计量单位', '记录数', '统计方式'],
    rows: outputs.map((t) => [
      text(t.name),
      figure(exact(t.quantity), h.basisLink(t)),
      text(t.measure),
      text(t.basis ? '—' : String(t.entries)),
      text(t.basis ? '自动统计' : '单位报送'),
    ]),
    align: ['left', 'right', 'left', 'right', 'left'],
  });
  const reporting = [...f.units].filter((u) => u.entries > 0).sort((a, b) => b.entries - a.entries).slice(0, MAX_UNIT_BARS);
  if (reporting.length) blocks.push(unitChart(reporting));
  const behind = f.targets;
  if (behind.length) {
    const name = new Map(f.outreach.map((t) => [t.key, t]));
    const unitName = new Map(f.units.map((u) => [u.id, u.name]));
    blocks.push({
      type: 'table',
      caption: '目标完成情况',
      columns: ['类别', '单位', '期间', '目标', '完成', '完成率'],
      rows: behind.map((t) => [
        text(name.get(t.categoryKey)?.name ?? t.categoryKey),
        text(t.unitId === null ? '全区' : unitName.get(t.unitId) ?? String(t.unitId)),
        text(`${t.periodStart}至${t.periodEnd}`),
        text(exact(t.quantity)),
        figure(exact(t.progress.actual)),
        text(`${Math.round(t.progress.ratio * 1000) / 10}%`),
      ]),
      align: ['left', 'left', 'left', 'right', 'right', 'right'],
    });
  }
  blocks.push(unitTable(f));
  return { heading: '宣传产出', blocks };
}

function unitChart(units: { name: string; entries: number }[]): ChartBlock {
  const ordered = [...units].reverse();
  return {
    type: 'chart',
    title: '各单位报送记录数',
    alt: `各单位报送记录数：${units.map((u) => `${u.name}${u.entries}条`).join('，')}`,
    width: 600,
    height: Math.max(240, 60 + units.length * 26),
    option: {
      grid: { left: 140, right: 40, top: 20, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ordered.map((u) => u.name) },
      series: [{ type: 'bar', data: ordered.map((u) => u.entries), label: { show: true, position: 'right' }, itemStyle: { color: '#c0392b' } }],
    },
  };
}

function unitTable(f: ReportFigures): TableBlock {
  return {
    type: 'table',
    caption: '各单位报送情况',
    columns: ['单位', '报送记录', '报送天数', '零报告天数', '未报送天数'],
    rows: f.units.map((u) => [
      text(`${'　'.repeat(u.depth)}${u.name}`),
      text(exact(u.entries)),
      text(String(u.daysReported)),
      text(String(u.zeroDays)),
      text(String(Math.max(0, f.dayCount - u.daysReported - u.zeroDays))),
    ]),
    align: ['left', 'right', 'right', 'right', 'right'],
  };
}

function news(f: ReportFigures, h: { basisLink: (t: CategoryTotal) => string | undefined; traced: (l: string, t: CategoryTotal) => void }): ReportSection {
  const byKey = new Map(f.outreach.map((t) => [t.key, t]));
  const runs: ReportRun[] = [];
  const say = (key: string, before: string, after: string) => {
    const t = byKey.get(key);
    if (!t) return;
    runs.push(text(before), figure(chineseCount(t.quantity), h.basisLink(t)), text(after));
    h.traced(t.name, t);
  };
  say('own-media-news', '本期自有媒体平台发布新闻', '条');
  say('higher-media', '，上级媒体报道本地', '条');
  say('press-conferences', '，召开新闻发布会', '场');
  const blocks: ReportBlock[] = runs.length ? [paragraph(...runs, text('。'))] : [paragraph(text('本期没有新闻宣传的统计数据。'))];
  if (!f.districtName && byKey.has('higher-media')) {
    blocks.push(paragraph(text('说明：尚未设置本区名称及别称，上级媒体报道无法统计（在宣传工作台账页设置）。')));
  }
  return { heading: '新闻宣传与上级媒体报道', blocks };
}

function monitoring(f: ReportFigures, searchLink: (x?: Record<string, string>) => string, trace: ReportRun[][], base: string): ReportSection {
  const m = f.monitoring!;
  const hours = (v: number | null) => (v === null ? '—' : `${v}小时`);
  const blocks: ReportBlock[] = [
    paragraph(
      text('本期共采集网络信息'),
      figure(exact(m.itemsTotal), searchLink()),
      text('条，其中疑似谣言'),
      figure(exact(m.suspectsTotal), searchLink({ tag: 'rumor-suspect' })),
      text('条、与已知谣言相符'),
      figure(exact(m.knownRumourItems), searchLink({ tag: 'known-rumor' })),
      text('条、辟谣信息'),
      figure(exact(m.rebuttalItems), searchLink({ tag: 'rebuttal' })),
      text('条、涉价格违法线索'),
      figure(exact(m.priceGougingItems), searchLink({ tag: 'price-gouging' })),
      text('条。情感倾向：正面'),
      figure(exact(m.sentiment.pos), searchLink({ sentiment: 'pos' })),
      text('条，中性'),
      figure(exact(m.sentiment.neutral), searchLink({ sentiment: 'neutral' })),
      text('条，负面'),
      figure(exact(m.sentiment.neg), searchLink({ sentiment: 'neg' })),
      text('条。'),
    ),
    {
      type: 'chart',
      title: '每日采集信息与疑似谣言',
      alt: `本期每日采集信息共${m.itemsTotal}条，疑似谣言共${m.suspectsTotal}条`,
      width: 600,
      height: 320,
      option: {
        legend: { top: 0, data: ['采集信息', '疑似谣言'] },
        grid: { left: 60, right: 60, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: m.days.map((d) => d.slice(5)) },
        yAxis: [
          { type: 'value', name: '采集信息', minInterval: 1 },
          { type: 'value', name: '疑似谣言', minInterval: 1 },
        ],
        series: [
          { name: '采集信息', type: 'line', data: m.items, showSymbol: m.days.length <= 31, itemStyle: { color: '#2c7be5' } },
          { name: '疑似谣言', type: 'bar', yAxisIndex: 1, data: m.suspects, itemStyle: { color: '#c0392b' } },
        ],
      },
    },
    {
      type: 'chart',
      title: '信息情感倾向分布',
      alt: `正面${m.sentiment.pos}条，中性${m.sentiment.neutral}条，负面${m.sentiment.neg}条`,
      width: 600,
      height: 300,
      option: {
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            label: { formatter: '{b}：{c}条（{d}%）' },
            data: [
              { name: '正面', value: m.sentiment.pos, itemStyle: { color: '#27ae60' } },
              { name: '中性', value: m.sentiment.neutral, itemStyle: { color: '#95a5a6' } },
              { name: '负面', value: m.sentiment.neg, itemStyle: { color: '#c0392b' } },
            ],
          },
        ],
      },
    },
    paragraph(
      text('谣言处置：本期核实确认谣言'),
      figure(String(m.confirmedTotal), `${base}/library`),
      text('条，发布辟谣信息'),
      figure(String(m.rebuttedTotal), `${base}/api/rebuttals`),
      text(`条。本期确认的谣言从首次发现到核实，中位用时${hours(m.clock.toVerdict.medianHours)}（90%在${hours(m.clock.toVerdict.p90Hours)}内）；`),
      text(
        m.clock.toRebuttal.n
          ? `到发布辟谣，中位用时${hours(m.clock.toRebuttal.medianHours)}（90%在${hours(m.clock.toRebuttal.p90Hours)}内）`
          : '尚无已辟谣的记录',
      ),
      text(m.clock.unanswered ? `；仍有${m.clock.unanswered}条尚未辟谣。` : '。'),
    ),
  ];
  if (m.confirmedTotal + m.rebuttedTotal > 0) {
    blocks.push({
      type: 'chart',
      title: '谣言确认与辟谣发布',
      alt: `确认谣言${m.confirmedTotal}条，发布辟谣${m.rebuttedTotal}条`,
      width: 600,
      height: 280,
      option: {
        legend: { top: 0, data: ['确认谣言', '发布辟谣'] },
        grid: { left: 50, right: 30, top: 40, bottom: 40 },
        xAxis: { type: 'category', data: m.days.map((d) => d.slice(5)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: '确认谣言', type: 'bar', data: m.confirmed, itemStyle: { color: '#e67e22' } },
          { name: '发布辟谣', type: 'bar', data: m.rebutted, itemStyle: { color: '#27ae60' } },
        ],
      },
    });
  }
  trace.push(
    [text('采集网络信息'), text(exact(m.itemsTotal)), text('自动统计'), figure('监测信息检索', searchLink())],
    [text('疑似谣言'), text(exact(m.suspectsTotal)), text('自动统计'), figure('疑似谣言检索', searchLink({ tag: 'rumor-suspect' }))],
    [text('确认谣言'), text(String(m.confirmedTotal)), text('辟谣台账'), figure('谣言库', `${base}/library`)],
  );
  return { heading: '网络舆情监测', blocks };
}
