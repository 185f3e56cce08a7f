import { SYSTEM_ACTORS } from './contracts/actor';
import type { AlertRuleInput } from './contracts/alerts';
import type { TopicInput } from './contracts/topic';
import type { AlertsService } from './services/alerts-service';
import type { AuthService, DemoAccount } from './services/auth-service';
import type { LedgerService } from './services/ledger-service';
import type { LibraryService } from './services/library-service';
import type { TopicsService } from './services/topics-service';

/**
 * Known rumours of the bundled demo site's district, so a first look at the dashboard shows the
 * library at work: the forum's reposts of these are recognised as known rumours and the rebuttal
 * platform's notices are linked to them. Only in demo mode, and only into an empty library.
 */
const DEMO_LIBRARY = [
  {
    claim: '喝板蓝根可以预防流感',
    category: 'health',
    unit: '区卫健委',
    rebuttalText: '板蓝根不能预防流感，接种流感疫苗才是有效的预防手段。',
  },
  {
    claim: '清河区自来水受到污染，近三天不要饮用',
    category: 'public-safety',
    unit: '区水务局',
    rebuttalText: '经检测，全区供水水质符合国家标准，可以放心饮用。',
  },
  {
    claim: '吃碘盐可以防辐射',
    category: 'health',
    unit: '区市场监管局',
    rebuttalText: '食用碘盐不能防辐射，食盐供应充足，无需抢购。',
  },
] as const;

export function seedDemoLibrary(library: Pick<LibraryService, 'list' | 'import'>): number {
  if (library.list({ merged: 'show', page: 1, pageSize: 1 }).total > 0) return 0;
  return library.import({ format: 'json', content: JSON.stringify(DEMO_LIBRARY), actor: '演示数据', dryRun: false }).imported;
}

const DEMO_ACTOR = SYSTEM_ACTORS.demo;

/** Monitoring topics a district office typically keeps, matching the demo site's stories. */
const DEMO_TOPICS: TopicInput[] = [
  { name: '流感防控', description: '流感、疫苗与就医相关信息', includeAll: [], includeAny: ['流感', '疫苗', '发热门诊', '板蓝根'], exclude: [], sourceIds: [], kinds: [] },
  { name: '供水供气', description: '停水、停气与水质', includeAll: ['停水|自来水|水质|燃气|停气'], includeAny: [], exclude: [], sourceIds: [], kinds: [] },
  { name: '交通出行', description: '道路、公交与地铁', includeAll: [], includeAny: ['交通', '地铁', '公交', '道路施工', '拥堵'], exclude: [], sourceIds: [], kinds: [] },
];

/** Rules an analyst would start with: spikes of the whole stream and of negative posts, rumours seen again, silent sources. */
const DEMO_RULES: Omit<AlertRuleInput, 'scope'>[] = [
  { name: '全网声量突增', kind: 'spike', windowMinutes: 60, threshold: 8, z: 3, quietDays: 3, severity: 'warning', cooldownMinutes: 120, quietHours: null, webhookIds: [], owner: '值班分析员', enabled: true },
  { name: '负面信息激增', kind: 'negative-surge', windowMinutes: 60, threshold: 5, z: 3, quietDays: 3, severity: 'critical', cooldownMinutes: 120, quietHours: null, webhookIds: [], owner: '值班分析员', enabled: true },
  { name: '已知谣言再现', kind: 'known-rumour', windowMinutes: 60, threshold: 1, z: 3, quietDays: 3, severity: 'critical', cooldownMinutes: 720, quietHours: null, webhookIds: [], owner: '辟谣编辑', enabled: true },
  { name: '信息源断更', kind: 'source-silent', windowMinutes: 12 * 60, threshold: 1, z: 3, quietDays: 3, severity: 'info', cooldownMinutes: 24 * 60, quietHours: null, webhookIds: [], owner: '系统管理员', enabled: true },
];

const ALL_ITEMS = { topicId: null, keywords: [], tag: null, sentiment: null, sourceId: null };

/** Topics and alert rules for a first look, only in demo mode and only when there are none yet. */
export function seedDemoMonitoring(topics: Pick<TopicsService, 'list' | 'create'>, alerts: Pick<AlertsService, 'listRules' | 'createRule'>): { topics: number; rules: number } {
  const seedTopics = topics.list().length === 0 ? DEMO_TOPICS : [];
  const seedRules = alerts.listRules().length === 0 ? DEMO_RULES : [];
  for (const topic of seedTopics) topics.create(topic, DEMO_ACTOR);
  for (const rule of seedRules) alerts.createRule({ ...rule, scope: ALL_ITEMS }, DEMO_ACTOR);
  return { topics: seedTopics.length, rules: seedRules.length };
}

/** The demo site's district (crawler/demo/content/places.ts), for the ledger's media counts; only while none is set. */
export function seedDemoDistrict(ledger: Pick<LedgerService, 'findDistrict' | 'setDistrict'>): boolean {
  if (ledger.findDistrict()) return false;
  ledger.setDistrict({ name: '清河区', aliases: ['清河'], actor: DEMO_ACTOR });
  return true;
}

/** The demo district's reporting units (towns with their communities, departments), into an empty tree. */
const DEMO_UNITS: { name: string; kind: 'township' | 'street' | 'community' | 'department'; parent?: string }[] = [
  { name: '城关镇', kind: 'township' },
  { name: '东街社区', kind: 'community', parent: '城关镇' },
  { name: '西街社区', kind: 'community', parent: '城关镇' },
  { name: '清河街道', kind: 'street' },
  { name: '河滨社区', kind: 'community', parent: '清河街道' },
  { name: '区卫健委', kind: 'department' },
  { name: '区教育局', kind: 'department' },
];

export function seedDemoUnits(ledger: Pick<LedgerService, 'units' | 'createUnit'>): number {
  if (ledger.units().length > 0) return 0;
  const ids = new Map<string, number>();
  DEMO_UNITS.forEach((u, i) => {
    const made = ledger.createUnit({ name: u.name, kind: u.kind, parentId: u.parent ? ids.get(u.parent) : null, sortOrder: i, actor: DEMO_ACTOR });
    ids.set(u.name, made.id);
  });
  return DEMO_UNITS.length;
}

/**
 * One account per role, marked demo: they sign in only while the server runs the bundled demo (no
 * SOURCES_FILE), and the sign-in page lists them with their passwords.
 */
export async function seedDemoAccounts(
  auth: Pick<AuthService, 'seedDemoUsers'>,
  ledger: Pick<LedgerService, 'units'>,
): Promise<number> {
  const town = ledger.units().find((u) => u.name === '城关镇') ?? ledger.units()[0];
  const accounts: DemoAccount[] = [
    { username: 'demo-admin', displayName: '演示管理员', role: 'admin', password: 'demo-admin-2026' },
    { username: 'demo-analyst', displayName: '演示分析员', role: 'analyst', password: 'demo-analyst-2026' },
    { username: 'demo-editor', displayName: '演示辟谣编辑', role: 'editor', password: 'demo-editor-2026' },
    { username: 'demo-leader', displayName: '演示领导', role: 'leader', password: 'demo-leader-2026' },
  ];
  if (town) accounts.push({ username: 'demo-reporter', displayName: `${town.name}报送员`, role: 'reporter', unitId: town.id, password: 'demo-reporter-2026' });
  return auth.seedDemoUsers(accounts);
}
