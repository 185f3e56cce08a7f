import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemTagger } from '../../server/services/ingest-service';
import { createDbApp } from '../support/db-app';
import { rawItem, rssSource } from '../support/factories';
import { readEvents } from '../support/sse';

const tagger: ItemTagger = { tag: () => ({ tags: [], score: 0, reasons: [] }) };
// 10:00 in Shanghai.
let clock = Date.parse('2026-11-22T02:00:00Z');
const MIN = 60_000;
let t: ReturnType<typeof createDbApp>;
type Json = Record<string, any>;
async function call(method: string, url: string, body?: unknown) {
  const res = await t.app.request(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  return { status: res.status, body: (res.status === 204 ? {} : await res.json()) as Json };
}

/** A webhook receiver run by the test: records every request; answers 500 while `failing` > 0. */
const received: { path: string; body: Json }[] = [];
let failing = 0;
const receiver = http.createServer((req, res) => {
  let data = '';
  req.on('data', (c) => (data += c));
  req.on('end', () => {
    received.push({ path: req.url ?? '', body: JSON.parse(data) as Json });
    if (failing > 0) {
      failing--;
      res.writeHead(500).end('busy');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(req.url?.startsWith('/json') ? '{}' : '{"errcode":0,"errmsg":"ok"}');
  });
});
let base = '';

const post = (body: string, minutesAgo = 1) =>
  rawItem({ sourceId: 'forum', body, publishedAt: new Date(clock - minutesAgo * MIN).toISOString(), fetchedAt: new Date(clock).toISOString() });

let wecom: number;
let json: number;
let leaders: number;

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  t = createDbApp({ sources: [rssSource('forum'), rssSource('gov', { kind: 'notice' })], tagger, now: () => new Date(clock) });
  wecom = (await call('POST', '/api/webhooks', { name: '值班群', url: `${base}/wecom`, format: 'wecom' })).body.id;
  json = (await call('POST', '/api/webhooks', { name: '系统对接', url: `${base}/json`, format: 'json' })).body.id;
  leaders = (await call('POST', '/api/webhooks', { name: '领导群', url: `${base}/leaders`, format: 'dingtalk', secret: 's3cret', forEscalations: true })).body.id;
});
afterAll(async () => {
  await t.services.delivery.tick(); // deliveries the last test queued finish before the database closes
  t.db.close();
  await new Promise((r) => receiver.close(r));
});

describe('alerts', () => {
  let firstAlert: Json;

  it('raises a threshold alert with its measured times, live and to the webhook once', async () => {
    const rule = await call('POST', '/api/alert-rules', {
      actor: '分析员甲',
      rule: { name: '停水', kind: 'threshold', scope: { keywords: ['停水'] }, windowMinutes: 60, threshold: 3, webhookIds: [wecom], owner: '值班分析员' },
    });
    expect(rule.status).toBe(201);
    const live: Json[] = [];
    const off = t.events.on('alert', (a) => live.push(a));
    t.ingest.ingest([post('阳光小区停水了', 20), post('停水到几点？', 10)]);
    expect(t.services.alertEvaluator.evaluate()).toBe(0);
    t.ingest.ingest([post('又停水，怎么回事', 2)]);
    expect(t.services.alertEvaluator.evaluate()).toBe(1);
    off();
    expect(live).toHaveLength(1);
    firstAlert = live[0]!;
    expect(firstAlert).toMatchObject({
      kind: 'threshold',
      severity: 'warning',
      owner: '值班分析员',
      publishedAt: new Date(clock - 2 * MIN).toISOString(),
      collectedAt: new Date(clock).toISOString(),
      alertedAt: new Date(clock).toISOString(),
    });
    expect(firstAlert.detail).toContain('3 条');
    // The figures behind the text, for each reader's own language.
    expect(firstAlert.facts).toEqual({
      subject: '停水',
      scope: { topic: null, keywords: ['停水'], tag: null, negative: false, sourceId: null },
      windowMinutes: 60,
      count: 3,
      threshold: 3,
    });
    await t.services.delivery.tick();
    await t.services.delivery.tick();
    const sent = received.filter((r) => r.path === '/wecom');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.msgtype).toBe('markdown');
    expect(sent[0]!.body.markdown.content).toContain('超过阈值：停水');
    expect((await call('GET', `/api/alerts/${firstAlert.id}`)).body.deliveries).toEqual([
      expect.objectContaining({ webhookId: wecom, status: 'sent', attempts: 0 }),
    ]);
  });

  it('folds the same alert within the cooldown into a repeat instead of alerting again, and says so live', async () => {
    clock += 5 * MIN;
    const repeats: Json[] = [];
    const off = t.events.on('alert-repeat', (a) => repeats.push(a));
    t.ingest.ingest([post('停水第四条')]);
    expect(t.services.alertEvaluator.evaluate()).toBe(0);
    off();
    expect(repeats).toEqual([expect.objectContaining({ id: firstAlert.id, repeats: 1 })]);
    // Evaluating again (each minute, each ingest batch) with no new post is no new occurrence.
    clock += MIN;
    const again: Json[] = [];
    const off2 = t.events.on('alert-repeat', (a) => again.push(a));
    expect(t.services.alertEvaluator.evaluate()).toBe(0);
    expect(t.services.alertEvaluator.evaluate()).toBe(0);
    off2();
    expect(again).toEqual([]);
    const list = (await call('GET', '/api/alerts')).body;
    expect(list.total).toBe(1);
    expect(list.alerts[0].repeats).toBe(1);
  });

  it('retries a delivery the receiver refused, and sends it only once it is accepted', async () => {
    failing = 1;
    const before = received.length;
    await call('POST', '/api/alert-rules', {
      actor: 'a',
      rule: { name: '燃气', kind: 'threshold', scope: { keywords: ['燃气'] }, threshold: 1, webhookIds: [json] },
    });
    t.ingest.ingest([post('燃气管道漏气')]);
    expect(t.services.alertEvaluator.evaluate()).toBe(1);
    await t.services.delivery.tick();
    const alertId = (await call('GET', '/api/alerts?status=open')).body.alerts[0].id;
    expect((await call('GET', `/api/alerts/${alertId}`)).body.deliveries[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 500' });
    await t.services.delivery.tick(); // not due yet: backoff
    expect(received.length).toBe(before + 1);
    clock += 11_000;
    await t.services.delivery.tick();
    expect(received.length).toBe(before + 2);
    const last = received[received.length - 1]!;
    expect(last.path).toBe('/json');
    expect(last.body).toMatchObject({ type: 'alert', alerts: [{ id: alertId, title: '超过阈值：燃气' }] });
    expect((await call('GET', `/api/alerts/${alertId}`)).body.deliveries[0]).toMatchObject({ status: 'sent' });
  });

  it('holds webhooks during quiet hours and sends one digest when they end', async () => {
    clock = Date.parse('2026-11-22T15:00:00Z'); // 23:00 in Shanghai
    for (const word of ['暴雨', '内涝']) {
      await call('POST', '/api/alert-rules', {
        actor: 'a',
        rule: { name: word, kind: 'threshold', scope: { keywords: [word] }, threshold: 1, webhookIds: [wecom], quietHours: { start: '22:00', end: '07:00' } },
      });
    }
    t.ingest.ingest([post('暴雨预警'), post('路口内涝')]);
    expect(t.services.alertEvaluator.evaluate()).toBe(2);
    const before = received.filter((r) => r.path === '/wecom').length;
    await t.services.delivery.tick();
    expect(received.filter((r) => r.path === '/wecom').length).toBe(before);
    clock = Date.parse('2026-11-22T23:00:00Z'); // 07:00 in Shanghai
    await t.services.delivery.tick();
    const wecomSent = received.filter((r) => r.path === '/wecom');
    expect(wecomSent.length).toBe(before + 1);
    expect(wecomSent[wecomSent.length - 1]!.body.markdown.content).toContain('预警汇总（2 条）');
  });

  it('streams new and acknowledged alerts through the API as server-sent events', async () => {
    const controller = new AbortController();
    const res = await t.app.request('/api/events', { signal: controller.signal });
    const reading = readEvents(res, 3);
    await new Promise((r) => setTimeout(r, 50));
    await call('POST', '/api/alert-rules', { actor: 'a', rule: { name: '塌方', kind: 'threshold', scope: { keywords: ['塌方'] }, threshold: 1 } });
    t.ingest.ingest([post('山路塌方')]);
    t.services.alertEvaluator.evaluate();
    const id = (await call('GET', '/api/alerts?status=open')).body.alerts[0].id;
    await call('POST', `/api/alerts/${id}/ack`, { actor: '值班员' });
    const events = await reading;
    controller.abort();
    expect(events.map((e) => e.event)).toEqual(['items', 'alert', 'alert-ack']);
    expect(events[1]!.data).toMatchObject({ id, title: '超过阈值：塌方' });
    expect(events[2]!.data).toMatchObject({ id, ackedBy: '值班员' });
  });

  it('records who acknowledged and when; acknowledging again keeps the first', async () => {
    const r = await call('POST', `/api/alerts/${firstAlert.id}/ack`, { actor: '分析员乙' });
    expect(r.body).toMatchObject({ ackedBy: '分析员乙', ackedAt: new Date(clock).toISOString() });
    const again = await call('POST', `/api/alerts/${firstAlert.id}/ack`, { actor: '分析员丙' });
    expect(again.body.ackedBy).toBe('分析员乙');
    expect((await call('GET', '/api/alerts?status=acked')).body.alerts.map((a: Json) => a.id)).toContain(firstAlert.id);
    expect((await call('GET', '/api/alerts?status=open')).body.alerts.map((a: Json) => a.id)).not.toContain(firstAlert.id);
  });

  it('escalates any item to the leaders’ webhook, signed for DingTalk', async () => {
    const itemId = t.db.prepare("SELECT id FROM items WHERE body = '燃气管道漏气'").pluck().get() as number;
    const r = await call('POST', '/api/alerts/escalate', { itemId, note: '涉及群众安全，请领导关注', actor: '分析员甲' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'escalation', severity: 'critical', escalatedBy: '分析员甲', note: '涉及群众安全，请领导关注', itemId });
    expect(r.body.facts).toEqual({ subject: expect.any(String), actor: '分析员甲' });
    expect(r.body.title).toBe(`分析员甲上报：${r.body.facts.subject}`);
    await t.services.delivery.tick();
    const sent = received.filter((x) => x.path.startsWith('/leaders'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.path).toMatch(/timestamp=\d+&sign=/);
    expect(sent[0]!.body.markdown.text).toContain('涉及群众安全');
    expect((await call('POST', '/api/alerts/escalate', { itemId: 999999, note: 'x', actor: 'a' })).status).toBe(404);
  });

  it('refuses a rule naming an unknown webhook, and invalid quiet hours, naming the field', async () => {
    const r = await call('POST', '/api/alert-rules', { actor: 'a', rule: { name: 'x', kind: 'threshold', webhookIds: [999] } });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('webhookIds.0');
    const q = await call('POST', '/api/alert-rules', { actor: 'a', rule: { name: 'x', kind: 'threshold', quietHours: { start: '25:00', end: '07:00' } } });
    expect(q.status).toBe(422);
    expect(q.body.errors[0].path).toBe('rule.quietHours.start');
    expect((await call('GET', '/api/webhooks')).body.webhooks.find((w: Json) => w.id === leaders)).toMatchObject({ hasSecret: true });
    expect(JSON.stringify((await call('GET', '/api/webhooks')).body)).not.toContain('s3cret');
  });

  it('alerts when a known rumour is seen again after a quiet spell, not on every copy', async () => {
    clock = Date.parse('2026-11-25T02:00:00Z');
    await call('POST', '/api/alert-rules', { actor: 'a', rule: { name: '谣言再现', kind: 'known-rumour', quietDays: 3, windowMinutes: 60 } });
    const entry = (await call('POST', '/api/library', { claim: '自来水厂被污染，千万别喝自来水', actor: 'ed', firstSeenAt: '2026-11-01T00:00:00Z' })).body;
    t.ingest.ingest([post('自来水厂被污染，千万别喝自来水')]);
    expect(t.services.alertEvaluator.evaluate()).toBe(1);
    const alert = (await call('GET', '/api/alerts?status=open')).body.alerts[0];
    expect(alert).toMatchObject({ kind: 'known-rumour', libraryId: entry.id, facts: { subject: '自来水厂被污染，千万别喝自来水' } });
    expect(alert.facts).toHaveProperty('previousSeen');
    clock += MIN;
    expect(t.services.alertEvaluator.evaluate()).toBe(0);
    expect(t.services.alertEvaluator.evaluate()).toBe(0);
    // The same sighting evaluated again is not a repeat.
    expect((await call('GET', `/api/alerts/${alert.id}`)).body.repeats).toBe(0);
    clock += 10 * MIN;
    t.ingest.ingest([post('转发：自来水厂被污染，千万别喝自来水！')]);
    expect(t.services.alertEvaluator.evaluate()).toBe(0);
  });

  it('alerts when a usually active source goes silent', async () => {
    clock = Date.parse('2026-11-26T02:00:00Z');
    const gov = (h: number) => rawItem({ sourceId: 'gov', body: `通知 ${h}`, publishedAt: new Date(clock).toISOString() });
    for (let h = 0; h < 4; h++) {
      t.ingest.ingest([gov(h)]);
      clock += 6 * 3_600_000;
    }
    await call('POST', '/api/alert-rules', { actor: 'a', rule: { name: '断更', kind: 'source-silent', windowMinutes: 12 * 60, scope: { sourceId: 'gov' } } });
    expect(t.services.alertEvaluator.evaluate()).toBe(0); // last item 6 hours ago
    clock += 7 * 3_600_000;
    expect(t.services.alertEvaluator.evaluate()).toBe(1);
    const alert = (await call('GET', '/api/alerts?status=open')).body.alerts[0];
    expect(alert).toMatchObject({ kind: 'source-silent', title: '信息源无更新：来源 gov' });
    // The last item came at 20:00 UTC, which a reader in the district calls 04:00 the next day.
    expect(alert.detail).toContain('最后一条 11月27日 04:00');
    expect(alert.detail).not.toContain('UTC');
    expect(alert.facts).toEqual({ subject: '来源 gov', windowMinutes: 720, lastItemAt: '2026-11-26T20:00:00.000Z' });
    // Still silent a few minutes later: the same silence, not a repeat.
    clock += 5 * MIN;
    t.services.alertEvaluator.evaluate();
    expect((await call('GET', `/api/alerts/${alert.id}`)).body.repeats).toBe(0);
  });

  it('raises a spike once, with the count, the expectation and the z-score as figures', async () => {
    clock = Date.parse('2026-11-28T02:00:00Z');
    await call('POST', '/api/alert-rules', { actor: 'a', rule: { name: '内涝突增', kind: 'spike', scope: { keywords: ['内涝'] }, windowMinutes: 60, threshold: 3, z: 3 } });
    t.ingest.ingest([1, 2, 3, 4, 5].map((m) => post(`路口内涝第${m}处`, m)));
    t.services.alertEvaluator.evaluate(); // other rules of this file may fire too at this new time
    const spikes = async () => (await call('GET', '/api/alerts?status=all&pageSize=100')).body.alerts.filter((a: Json) => a.kind === 'spike');
    expect(await spikes()).toHaveLength(1);
    const alert = (await spikes())[0];
    expect(alert.facts).toMatchObject({ subject: '内涝突增', scope: { keywords: ['内涝'], negative: false }, windowMinutes: 60, count: 5 });
    expect(alert.facts.expected).toBeLessThan(1);
    expect(alert.facts.z).toBeGreaterThanOrEqual(3);
    expect(alert.detail).toContain(`近 60 分钟 5 条，预期约 ${alert.facts.expected} 条（z = ${alert.facts.z}）`);
    t.services.alertEvaluator.evaluate();
    expect(await spikes()).toHaveLength(1); // still the same spike: no second alert
  });
});
