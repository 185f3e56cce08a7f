import type { AlertRule, AlertRuleInput, AlertRuleKind, AlertSeverity } from '../../../../server/contracts/alerts';
import type { SentimentLabel, Tag } from '../../../../server/contracts/item';
import { ApiError } from '../../api/client';

export const RULE_KINDS: readonly AlertRuleKind[] = ['threshold', 'spike', 'negative-surge', 'known-rumour', 'source-silent'];
export const SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

export type RuleField =
  | 'name'
  | 'kind'
  | 'topicId'
  | 'keywords'
  | 'tag'
  | 'sentiment'
  | 'sourceId'
  | 'windowMinutes'
  | 'threshold'
  | 'z'
  | 'quietDays'
  | 'severity'
  | 'cooldownMinutes'
  | 'quietHours'
  | 'webhookIds'
  | 'owner'
  | 'enabled'
  | 'actor';

/** What the rule form holds: selects use '' for "any", quiet hours are on or off. */
export interface RuleForm {
  name: string;
  kind: AlertRuleKind;
  topicId: number | '';
  keywords: string[];
  tag: Tag | '';
  sentiment: SentimentLabel | '';
  sourceId: string;
  windowMinutes: number;
  threshold: number;
  z: number;
  quietDays: number;
  severity: AlertSeverity;
  cooldownMinutes: number;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  webhookIds: number[];
  owner: string;
  enabled: boolean;
}

/** The schema's defaults (server/contracts/alerts.ts). */
export const emptyRuleForm = (): RuleForm => ({
  name: '',
  kind: 'threshold',
  topicId: '',
  keywords: [],
  tag: '',
  sentiment: '',
  sourceId: '',
  windowMinutes: 60,
  threshold: 10,
  z: 3,
  quietDays: 3,
  severity: 'warning',
  cooldownMinutes: 60,
  quiet: false,
  quietStart: '22:00',
  quietEnd: '07:00',
  webhookIds: [],
  owner: '',
  enabled: true,
});

export function formFromRule(r: AlertRule): RuleForm {
  return {
    name: r.name,
    kind: r.kind,
    topicId: r.scope.topicId ?? '',
    keywords: [...r.scope.keywords],
    tag: r.scope.tag ?? '',
    sentiment: r.scope.sentiment ?? '',
    sourceId: r.scope.sourceId ?? '',
    windowMinutes: r.windowMinutes,
    threshold: r.threshold,
    z: r.z,
    quietDays: r.quietDays,
    severity: r.severity,
    cooldownMinutes: r.cooldownMinutes,
    quiet: !!r.quietHours,
    quietStart: r.quietHours?.start ?? '22:00',
    quietEnd: r.quietHours?.end ?? '07:00',
    webhookIds: [...r.webhookIds],
    owner: r.owner ?? '',
    enabled: r.enabled,
  };
}

/** Keywords typed or pasted: commas, 、, semicolons, spaces and new lines separate them. */
export function parseKeywords(raw: string): string[] {
  return [...new Set(raw.split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean))];
}

export function formToBody(f: RuleForm): AlertRuleInput {
  const owner = f.owner.trim();
  return {
    name: f.name.trim(),
    kind: f.kind,
    scope: {
      topicId: f.topicId === '' ? null : f.topicId,
      keywords: [...new Set(f.keywords.map((k) => k.trim()).filter(Boolean))],
      tag: f.tag || null,
      sentiment: f.sentiment || null,
      sourceId: f.sourceId.trim() || null,
    },
    windowMinutes: f.windowMinutes,
    threshold: f.threshold,
    z: f.z,
    quietDays: f.quietDays,
    severity: f.severity,
    cooldownMinutes: f.cooldownMinutes,
    quietHours: f.quiet ? { start: f.quietStart, end: f.quietEnd } : null,
    webhookIds: [...new Set(f.webhookIds)],
    owner: owner || null,
    enabled: f.enabled,
  };
}

/** Which settings a kind of rule reads (the others keep their defaults and stay hidden). */
export function fieldsFor(kind: AlertRuleKind): { scope: boolean; window: boolean; threshold: boolean; z: boolean; quietDays: boolean; source: boolean } {
  switch (kind) {
    case 'threshold':
      return { scope: true, window: true, threshold: true, z: false, quietDays: false, source: true };
    case 'spike':
    case 'negative-surge':
      return { scope: true, window: true, threshold: true, z: true, quietDays: false, source: true };
    case 'known-rumour':
      return { scope: false, window: false, threshold: false, z: false, quietDays: true, source: false };
    case 'source-silent':
      return { scope: false, window: true, threshold: false, z: false, quietDays: false, source: true };
  }
}

export type RuleMessages = Partial<Record<RuleField | 'form', string>>;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function checkRuleForm(f: RuleForm, texts: { needName: string; needSource: string; badTime: string }): RuleMessages {
  const out: RuleMessages = {};
  if (!f.name.trim()) out.name = texts.needName;
  if (f.kind === 'source-silent' && !f.sourceId.trim()) out.sourceId = texts.needSource;
  if (f.quiet && (!HHMM.test(f.quietStart) || !HHMM.test(f.quietEnd))) out.quietHours = texts.badTime;
  return out;
}

const FIELDS: readonly RuleField[] = [
  'name',
  'kind',
  'topicId',
  'keywords',
  'tag',
  'sentiment',
  'sourceId',
  'windowMinutes',
  'threshold',
  'z',
  'quietDays',
  'severity',
  'cooldownMinutes',
  'quietHours',
  'webhookIds',
  'owner',
  'enabled',
  'actor',
];

/**
 * A failed save → messages next to the fields they name. Paths come as "rule.scope.keywords.0",
 * "quietHours.start", "webhookIds.1": the wrapper and the scope are skipped, the first known name wins.
 */
export function ruleErrorsFromApi(
  err: unknown,
  texts: { conflict: string },
  word: (fe: ApiError['fieldErrors'][number]) => string = (fe) => fe.message,
): RuleMessages {
  if (!(err instanceof ApiError)) return {};
  if (err.code === 'conflict') return { name: texts.conflict };
  const out: RuleMessages = {};
  for (const fe of err.fieldErrors) {
    const segs = fe.path.split('.').filter((s) => s !== 'rule' && s !== 'scope' && s !== 'json');
    const key: RuleField | 'form' = FIELDS.find((f) => f === segs[0]) ?? 'form';
    const text = word(fe);
    out[key] = out[key] ? `${out[key]}；${text}` : text;
  }
  return out;
}
