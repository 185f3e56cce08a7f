import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/api/client';
import { KNOWN_ERROR_CODES, describeConflict, describeError, describeFieldError } from '../../../web/src/api/error-text';
import { zhCN } from '../../../web/src/i18n/zh-CN';
import { en } from '../../../web/src/i18n/en';
import { translator } from './translator';

const t = translator(zhCN);

describe('error messages for the user', () => {
  it('has wording for every known code in both languages', () => {
    for (const code of KNOWN_ERROR_CODES) {
      expect(zhCN.errors[code], code).toBeTruthy();
      expect(en.errors[code], code).toBeTruthy();
    }
  });

  it('words a known code in the UI language, whatever the server message says', () => {
    expect(describeError(new ApiError(0, 'network_error', 'Failed to fetch'), t)).toBe(zhCN.errors.network_error);
    expect(describeError(new ApiError(503, 'search_unavailable', 'meilisearch down'), t)).toBe(zhCN.errors.search_unavailable);
  });

  it('lists field errors, and the request id of a server failure', () => {
    const v = new ApiError(422, 'validation_failed', 'invalid body', [{ path: 'reviewer', message: 'Too small' }]);
    expect(describeError(v, t)).toBe(`${zhCN.errors.validation_failed}（reviewer: Too small）`);
    const s = new ApiError(500, 'internal_error', 'x', [], 'req-42');
    expect(describeError(s, t)).toBe(`${zhCN.errors.internal_error} [req-42]`);
  });

  it("shows the server's detail for a code it does not know, and a generic text for anything else", () => {
    expect(describeError(new ApiError(429, 'rate_limited', '请求过于频繁'), t)).toBe('请求过于频繁');
    expect(describeError(new TypeError('x is undefined'), t)).toBe(zhCN.errors.unknown);
    expect(describeError(null, t)).toBe(zhCN.errors.unknown);
  });
});

describe('field errors in the reader\'s language', () => {
  const field = (code: string, params: Record<string, unknown> = {}, message = 'english') => ({ path: 'x', message, code, params }) as never;

  it('words each validation rule the server names, with its figures', () => {
    expect(describeFieldError(field('invalid_type', { expected: 'string', missing: true }), t)).toBe('必填');
    expect(describeFieldError(field('invalid_type', { expected: 'number' }), t)).toBe('应为数字');
    expect(describeFieldError(field('too_small', { origin: 'string', minimum: 2 }), t)).toBe('至少 2 个字');
    expect(describeFieldError(field('too_small', { origin: 'number', minimum: 0, inclusive: false }), t)).toBe('必须大于 0');
    expect(describeFieldError(field('too_big', { origin: 'number', maximum: 100, inclusive: true }), t)).toBe('不能大于 100');
    expect(describeFieldError(field('too_big', { origin: 'array', maximum: 5 }), t)).toBe('最多 5 项');
    expect(describeFieldError(field('invalid_format', { format: 'url' }), t)).toBe('不是有效的网址');
    expect(describeFieldError(field('invalid_format', { format: 'cidr' }), t)).toBe('格式不对');
    expect(describeFieldError(field('invalid_value', { values: ['new', 'decided'] }), t)).toBe('应为以下之一：new、decided');
    expect(describeFieldError(field('unrecognized_keys', { keys: ['colour'] }), t)).toBe('无法识别的字段：colour');
  });

  it('words the server’s own checks by their rule and figures', () => {
    expect(describeFieldError(field('not_a_day', { value: '2026-02-30' }), t)).toBe('“2026-02-30”不是有效的日期');
    expect(describeFieldError(field('future_day', { value: '2026-12-01', today: '2026-11-29' }), t)).toBe('2026-12-01 是未来的日期（今天是 2026-11-29）');
    expect(describeFieldError(field('period_reversed'), t)).toBe('结束日期早于开始日期');
    expect(describeFieldError(field('period_too_long', { maximum: 731, unit: 'day' }), t)).toBe('时间段不能超过 731 天');
    expect(describeFieldError(field('period_too_long', { maximum: 2_160, unit: 'hour' }), t)).toContain('2160 小时');
    expect(describeFieldError(field('too_old', { maximum: 90 }), t)).toBe('不能早于 90 天前');
    expect(describeFieldError(field('unknown_reference', { what: 'unit', value: 42 }), t)).toBe('单位不存在（42）');
    expect(describeFieldError(field('wrong_password'), t)).toBe('当前密码不正确');
    expect(describeFieldError(field('own_admin'), translator(en))).toBe('you cannot disable yourself or give up your own admin role');
    expect(describeFieldError(field('unknown_reference', { what: 'library-entry', value: 7 }), translator(en))).toBe('no such library entry (7)');
    expect(describeFieldError(field('self_reference', { what: 'item' }), t)).toBe('不能标记为自身的重复');
    expect(describeFieldError(field('self_reference', { what: 'unit' }), translator(en))).toBe('a unit cannot move under itself or one of its sub-units');
    expect(describeFieldError(field('not_a_cron', { value: 'every now and then' }), t)).toBe('“every now and then”不是有效的 cron 表达式（例如 */15 * * * * 表示每 15 分钟）');
    expect(describeFieldError(field('private_address'), translator(en))).toContain('allowPrivateNetwork');
    expect(describeFieldError(field('not_http'), t)).toBe('必须是 http:// 或 https:// 开头的网址');
    expect(describeFieldError(field('missing_columns', { columns: ['日期', '单位', '类别', '数量'] }), t)).toBe('表头须包含：日期、单位、类别、数量');
    expect(describeFieldError(field('unreadable_file', { format: 'xlsx' }), t)).toBe('不是 Excel（.xlsx）工作簿');
    expect(describeFieldError(field('too_many_rows', { maximum: 5000 }), translator(en))).toBe('at most 5000 rows per import');
    expect(describeFieldError(field('unknown_columns', { columns: ['colour'], allowed: ['claim', 'category'] }), translator(en))).toBe('unknown columns: colour (allowed: claim, category)');
    // A referent this build does not know keeps the server's words.
    expect(describeFieldError(field('unknown_reference', { what: 'planet', value: 3 }, 'unknown planet 3'), t)).toBe('unknown planet 3');
  });

  it("keeps the server's message for a check of its own, or without a rule", () => {
    expect(describeFieldError(field('custom', {}, 'unit 3 already has entries for 2026-11-20'), t)).toBe('unit 3 already has entries for 2026-11-20');
    expect(describeFieldError({ path: 'x', message: 'Too small' }, t)).toBe('Too small');
  });

  it('has every wording in both languages, and lists field errors worded so', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(en.fieldErrors).sort()).toEqual(keys(zhCN.fieldErrors).sort());
    const v = new ApiError(422, 'validation_failed', 'invalid body', [{ path: 'reviewer', message: 'Invalid input', code: 'invalid_type', params: { missing: true } }]);
    expect(describeError(v, t)).toBe(`${zhCN.errors.validation_failed}（reviewer: 必填）`);
    expect(describeError(v, translator(en))).toBe(`${en.errors.validation_failed}（reviewer: required）`);
    expect(describeFieldError(field('invalid_value', { values: ['new', 'decided'] }), translator(en))).toBe('must be one of: new, decided');
  });
});

describe('conflicts (409) by their reason', () => {
  const te = translator(en);
  const conflict = (reason: string, params: Record<string, string | number> = {}) => new ApiError(409, 'conflict', 'English detail', [], null, null, { reason, params });

  it('says who holds a claimed item and until when, in Beijing time', () => {
    const err = conflict('claimed', { id: 7, holder: '张编辑', until: '2026-11-29T06:15:00.000Z' });
    expect(describeError(err, t)).toBe('该条信息正由 张编辑 处理（认领至 2026-11-29 14:15），请稍后再试或先处理其他条目');
    expect(describeError(err, te)).toBe('张编辑 is working on this item (claimed until 2026-11-29 14:15); try again later or take another item');
  });

  it('names the verdict an item already has, and the state of a report, in the reader\'s words', () => {
    expect(describeError(conflict('already_decided', { id: 7, status: 'confirmed-rumor' }), t)).toContain('已研判为“确认谣言”');
    expect(describeError(conflict('already_decided', { id: 7, status: 'not-rumor' }), te)).toContain('"Not a rumour"');
    expect(describeError(conflict('report_not_ready', { id: 3, status: 'running' }), t)).toBe('报告还在生成（生成中），完成后即可下载');
  });

  it('says what kind of thing has the taken name or id', () => {
    expect(describeError(conflict('name_taken', { what: 'unit', value: '城关镇' }), t)).toBe('已有名为“城关镇”的单位');
    expect(describeError(conflict('name_taken', { what: 'topic', value: '地铁' }), te)).toBe('A topic named "地铁" already exists');
    expect(describeError(conflict('id_taken', { what: 'source', value: 'gov' }), t)).toBe('信息源标识“gov”已被使用（标识不可重复使用），请换一个');
  });

  it('lists only what keeps a unit in use', () => {
    const err = conflict('unit_in_use', { name: '城关镇', children: 2, entries: 0, zeroReports: 3, targets: 0 });
    expect(describeError(err, t)).toBe('单位“城关镇”仍被使用（2 个下级单位、3 次零报告），不能删除，可改名或移动');
    expect(describeError(err, te)).toBe('Unit "城关镇" is in use (2 sub-units, 3 zero reports) and cannot be deleted; rename or move it instead');
  });

  it('words every reason the server sends in both languages', () => {
    const reasons = ['claimed', 'already_decided', 'report_not_ready', 'report_failed', 'file_source', 'id_taken', 'name_taken', 'source_has_items', 'source_running', 'unit_in_use', 'entries_exist', 'merged'];
    for (const reason of reasons) {
      for (const tr of [t, te]) {
        const text = describeConflict({ reason, params: { id: 1, into: 2, what: 'unit', value: 'v', status: 'queued', name: 'n', day: '2026-11-28', count: 4, holder: 'h', until: '2026-11-28T00:00:00Z', error: 'e', unitId: 1 } }, tr);
        expect(text, reason).toBeTruthy();
        expect(text, reason).not.toMatch(/\{\w+\}|undefined/);
      }
    }
  });

  it('falls back to the generic conflict text for a reason it does not know, or none', () => {
    expect(describeError(conflict('something_new'), t)).toBe(zhCN.errors.conflict);
    expect(describeError(new ApiError(409, 'conflict', 'x'), t)).toBe(zhCN.errors.conflict);
  });
});
