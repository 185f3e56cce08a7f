import type { AlertFacts, AlertScope } from '../contracts/alerts';
import { detectSpike } from '../alerts/spike';
import { shanghaiDay, shanghaiShort } from '../lib/time';
import type { AlertSignalsRepo } from '../repositories/alert-signals-repo';
import type { AlertsRepo, StoredRule } from '../repositories/alerts-repo';
import type { AlertCandidate, AlertsService } from './alerts-service';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A source counts as usually active with this many items in the week before its silence. */
const USUAL_WEEKLY_ITEMS = 3;

/** What a counting rule counts, as figures: worded below in Chinese, by the dashboard in the reader's language. */
function scopeFacts(s: AlertScope, topicName: (id: number) => string | null): NonNullable<AlertFacts['scope']> {
  return {
    topic: s.topicId === null ? null : (topicName(s.topicId) ?? String(s.topicId)),
    keywords: s.keywords,
    tag: s.tag,
    negative: s.sentiment === 'neg',
    sourceId: s.sourceId,
  };
}

/** The scope in Chinese, for the stored text webhooks send. */
function describeScope(s: NonNullable<AlertFacts['scope']>): string {
  const parts: string[] = [];
  if (s.topic !== null) parts.push(`专题“${s.topic}”`);
  if (s.keywords.length) parts.push(`关键词“${s.keywords.join(' ')}”`);
  if (s.tag === 'rumor-suspect') parts.push('疑似谣言');
  else if (s.tag) parts.push(s.tag);
  if (s.negative) parts.push('负面');
  if (s.sourceId) parts.push(`来源 ${s.sourceId}`);
  return parts.length ? parts.join('、') : '全部信息';
}

/**
 * Evaluates every enabled rule against the current data (called each minute and right after an
 * ingest batch) and raises what fires. Spikes fire on their rising edge only: a rule stays "in
 * alert" until its series falls back, so one spike gives one alert however long it lasts.
 */
export function createAlertEvaluator(deps: {
  rules: Pick<AlertsRepo, 'listRules' | 'setRuleState'>;
  signals: AlertSignalsRepo;
  alerts: Pick<AlertsService, 'raise'>;
  topicName: (id: number) => string | null;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  function base(rule: StoredRule, key: string): Pick<AlertCandidate, 'ruleId' | 'severity' | 'dedupKey' | 'owner' | 'cooldownMinutes' | 'quietHours' | 'webhookIds' | 'topicId'> {
    return {
      ruleId: rule.id,
      severity: rule.severity,
      dedupKey: key,
      owner: rule.owner,
      cooldownMinutes: rule.cooldownMinutes,
      quietHours: rule.quietHours,
      webhookIds: rule.webhookIds,
      topicId: rule.scope.topicId,
    };
  }

  function counting(rule: StoredRule, t: number): number {
    const scope: AlertScope = rule.kind === 'negative-surge' ? { ...rule.scope, sentiment: 'neg' } : rule.scope;
    const w = rule.windowMinutes * MINUTE;
    const scoped = scopeFacts(scope, deps.topicName);
    const what = describeScope(scoped);
    const from = new Date(t - w).toISOString();
    const to = new Date(t + 1).toISOString();
    let fired = false;
    let detail = '';
    let current = 0;
    const facts: AlertFacts = { subject: rule.name, scope: scoped, windowMinutes: rule.windowMinutes };
    if (rule.kind === 'threshold') {
      current = deps.signals.countWindows(scope, [from, to])[0]!;
      fired = current >= rule.threshold;
      detail = `${what}：近 ${rule.windowMinutes} 分钟 ${current} 条（阈值 ${rule.threshold}）`;
      Object.assign(facts, { count: current, threshold: rule.threshold });
      // A threshold keeps firing while above it; the cooldown spaces the repeats.
    } else {
      const windows = 24;
      const edges: string[] = [];
      for (let k = windows; k >= 0; k--) edges.push(new Date(t + 1 - k * w).toISOString());
      const series = deps.signals.countWindows(scope, edges);
      const spike = detectSpike(series, { z: rule.z, minCount: rule.threshold, baselineWindows: windows - 1 });
      current = spike.current;
      detail = `${what}：近 ${rule.windowMinutes} 分钟 ${spike.current} 条，预期约 ${spike.expected} 条（z = ${spike.z}）`;
      Object.assign(facts, { count: spike.current, expected: spike.expected, z: spike.z });
      const risingEdge = spike.fired && !rule.inAlert;
      if (spike.fired !== rule.inAlert) deps.rules.setRuleState(rule.id, spike.fired, risingEdge ? new Date(t).toISOString() : null);
      fired = risingEdge;
    }
    if (!fired) return 0;
    const newest = deps.signals.newest(scope, from, to);
    const title = rule.kind === 'negative-surge' ? `负面舆情激增：${rule.name}` : rule.kind === 'spike' ? `声量异常升高：${rule.name}` : `超过阈值：${rule.name}`;
    const raised = deps.alerts.raise({
      ...base(rule, `rule:${rule.id}`),
      kind: rule.kind,
      title,
      detail,
      facts,
      itemId: newest?.id ?? null,
      libraryId: null,
      publishedAt: newest?.published_at ?? null,
      collectedAt: newest?.collected_at ?? null,
    });
    return raised ? 1 : 0;
  }

  /** Sightings each known-rumour rule has looked at (library:item → when), kept for its window. */
  const sightingsSeen = new Map<number, Map<string, number>>();

  function knownRumour(rule: StoredRule, t: number): number {
    let n = 0;
    const since = new Date(t - rule.windowMinutes * MINUTE).toISOString();
    let seen = sightingsSeen.get(rule.id);
    if (!seen) sightingsSeen.set(rule.id, (seen = new Map()));
    for (const [key, at] of seen) if (at < t - rule.windowMinutes * MINUTE) seen.delete(key);
    for (const s of deps.signals.sightingsSince(since)) {
      // Each sighting once: evaluating again (every minute, every ingest batch) is not a new sighting.
      const key = `${s.library_id}:${s.item_id}`;
      if (seen.has(key)) continue;
      seen.set(key, t);
      const quiet = s.previous_seen === null || Date.parse(s.seen_at) - Date.parse(s.previous_seen) >= rule.quietDays * DAY;
      if (!quiet) continue;
      const raised = deps.alerts.raise({
        ...base(rule, `rule:${rule.id}:library:${s.library_id}`),
        owner: rule.owner ?? s.unit,
        kind: 'known-rumour',
        title: `已知谣言再次出现：${s.claim.slice(0, 40)}`,
        detail: s.previous_seen ? `上次出现于 ${shanghaiDay(s.previous_seen)}，现再次传播` : '谣言库条目首次在网上再现',
        facts: { subject: s.claim.slice(0, 40), previousSeen: s.previous_seen },
        itemId: s.item_id,
        libraryId: s.library_id,
        publishedAt: s.published_at,
        collectedAt: s.collected_at,
      });
      if (raised) n++;
    }
    return n;
  }

  function silentSources(rule: StoredRule, t: number): number {
    let n = 0;
    const since = new Date(t - rule.windowMinutes * MINUTE).toISOString();
    const weekBefore = new Date(Date.parse(since) - 7 * DAY).toISOString();
    for (const s of deps.signals.silentSources(since, weekBefore, USUAL_WEEKLY_ITEMS, rule.scope.sourceId)) {
      const raised = deps.alerts.raise({
        ...base(rule, `rule:${rule.id}:source:${s.id}`),
        kind: 'source-silent',
        title: `信息源无更新：${s.name}`,
        // Times in a message read as Beijing time, like everywhere else.
        detail: `${s.name} 已超过 ${Math.round(rule.windowMinutes / 60)} 小时没有新信息（最后一条 ${s.last ? shanghaiShort(s.last) : '无'}），请检查采集`,
        facts: { subject: s.name, windowMinutes: rule.windowMinutes, lastItemAt: s.last },
        itemId: null,
        libraryId: null,
        publishedAt: null,
        collectedAt: s.last,
      });
      if (raised) n++;
    }
    return n;
  }

  return {
    /** Returns the number of alerts raised. */
    evaluate(): number {
      const t = now().getTime();
      let raised = 0;
      for (const rule of deps.rules.listRules()) {
        if (!rule.enabled) continue;
        if (rule.kind === 'known-rumour') raised += knownRumour(rule, t);
        else if (rule.kind === 'source-silent') raised += silentSources(rule, t);
        else raised += counting(rule, t);
      }
      return raised;
    },
  };
}

export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>;
