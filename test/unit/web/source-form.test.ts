import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ElForm, ElFormItem } from 'element-plus';
import type { SourceConfig, SourceView } from '../../../server/contracts/source';
import { ApiError } from '../../../web/src/api/client';
import { mountOptions, settle } from './mount-helpers';
import SourceForm from '../../../web/src/features/sources/SourceForm.vue';
import { configFromModel, emptyModel, modelFromConfig, splitFieldErrors } from '../../../web/src/features/sources/source-form';

const api = vi.hoisted(() => ({ createSource: vi.fn(), replaceSource: vi.fn(), deleteSource: vi.fn(), fetchSourceConfig: vi.fn() }));
vi.mock('../../../web/src/api/sources', () => api);

const htmlConfig: SourceConfig = {
  id: 'town-news',
  name: '镇政府新闻',
  kind: 'news',
  type: 'html-list',
  url: 'https://town.example.gov.cn/news/',
  schedule: '*/30 * * * *',
  delayMs: 2000,
  timeoutMs: 15000,
  retries: 2,
  allowPrivateNetwork: false,
  ownSite: true,
  concurrency: 1,
  enabled: true,
  list: { link: '.list a', maxPages: 5 },
};

function mountForm(config: SourceConfig | null = null) {
  const opts = mountOptions();
  return mount(SourceForm, {
    attachTo: document.body,
    props: { config },
    global: { ...opts.global, components: { ...opts.global.components, ElForm, ElFormItem } },
  });
}

/** Element Plus shows a form item's error after a short debounce. */
const errorShown = async () => {
  await settle();
  await new Promise((r) => setTimeout(r, 200));
  await settle();
};

afterEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

describe('source form logic', () => {
  it('round-trips a config: common fields in inputs, the rest as JSON merged back', () => {
    const m = modelFromConfig(htmlConfig);
    expect(m).toMatchObject({ id: 'town-news', type: 'html-list', listLink: '.list a', listNext: '', ownSite: true, ownMedia: true });
    expect(JSON.parse(m.advanced)).toEqual({ delayMs: 2000, timeoutMs: 15000, retries: 2, allowPrivateNetwork: false, concurrency: 1, list: { maxPages: 5 } });
    const back = configFromModel({ ...m, listNext: 'a.next' });
    expect(back).toEqual({ config: expect.objectContaining({ id: 'town-news', delayMs: 2000, list: { maxPages: 5, link: '.list a', next: 'a.next' } }) });
  });

  it('refuses advanced text that is not a JSON object', () => {
    expect(configFromModel({ ...emptyModel(), advanced: '[1]' })).toEqual({ error: 'advanced' });
    expect(configFromModel({ ...emptyModel(), advanced: '{oops' })).toEqual({ error: 'advanced' });
  });

  it('puts server field errors next to their fields, the rest in a list', () => {
    expect(splitFieldErrors([{ path: 'list.link', message: 'Required' }, { path: 'delayMs', message: 'Too big' }])).toEqual({
      fields: { listLink: 'Required' },
      other: ['delayMs: Too big'],
    });
  });
});

describe('source form', () => {
  it('describes the schedule in words, shows list selectors for web lists, and creates the source', async () => {
    const saved = { id: 'new-src', name: '新来源' } as SourceView;
    api.createSource.mockResolvedValue(saved);
    const w = mountForm();
    await w.get('input[data-testid="source-id"]').setValue('new-src');
    await w.get('input[data-testid="source-name"]').setValue('新来源');
    await w.get('input[data-testid="source-url"]').setValue('https://example.com/feed');
    await w.get('input[data-testid="source-schedule"]').setValue('*/5 * * * *');
    expect(w.get('[data-testid="source-schedule-text"]').text()).toContain('每 5 分钟');
    expect(w.find('[data-testid="source-list-link"]').exists()).toBe(false);
    await w.findAll('[data-testid="source-type"] input').find((i) => (i.element as HTMLInputElement).value === 'html-list')!.setValue(true);
    await settle();
    await w.get('input[data-testid="source-list-link"]').setValue('.news a');
    await w.get('[data-testid="source-form"]').trigger('submit');
    await settle();
    expect(api.createSource).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'new-src', name: '新来源', type: 'html-list', url: 'https://example.com/feed', schedule: '*/5 * * * *', list: { link: '.news a' } }),
    );
    expect(w.emitted('saved')?.[0]).toEqual([saved]);
  });

  it('shows each validation error from the server under its field', async () => {
    api.createSource.mockRejectedValue(
      new ApiError(422, 'validation_failed', 'invalid', [
        { path: 'id', message: 'use lowercase letters, digits and "-"' },
        { path: 'schedule', message: 'invalid cron expression "every minute" (…)', code: 'not_a_cron', params: { value: 'every minute' } },
        { path: 'timeoutMs', message: 'Too small' },
      ]),
    );
    const w = mountForm();
    await w.get('[data-testid="source-form"]').trigger('submit');
    await errorShown();
    const text = w.text();
    expect(text).toContain('use lowercase letters, digits and "-"');
    // A rule the dashboard knows is worded in the reader's language; others keep the server's words.
    expect(text).toContain('“every minute”不是有效的 cron 表达式');
    expect(text).not.toContain('invalid cron expression');
    expect(w.get('[data-testid="source-form-other"]').text()).toContain('timeoutMs: Too small');
    expect(w.emitted('saved')).toBeUndefined();
  });

  it('puts a taken id under the id field, in the reader\'s language', async () => {
    api.createSource.mockRejectedValue(
      new ApiError(409, 'conflict', 'a source with id gov exists already', [], null, null, { reason: 'id_taken', params: { what: 'source', value: 'gov' } }),
    );
    const w = mountForm();
    await w.get('[data-testid="source-form"]').trigger('submit');
    await errorShown();
    expect(w.text()).toContain('信息源标识“gov”已被使用');
    expect(w.text()).not.toContain('exists already');
    expect(w.emitted('saved')).toBeUndefined();
  });

  it('edits a dashboard source: the id is fixed, the whole config is sent with PUT', async () => {
    api.replaceSource.mockResolvedValue({ id: 'town-news' });
    const w = mountForm(htmlConfig);
    expect((w.get('input[data-testid="source-id"]').element as HTMLInputElement).disabled).toBe(true);
    await w.get('input[data-testid="source-name"]').setValue('改名');
    await w.get('[data-testid="source-form"]').trigger('submit');
    await settle();
    expect(api.replaceSource).toHaveBeenCalledWith('town-news', expect.objectContaining({ id: 'town-news', name: '改名', delayMs: 2000, list: { maxPages: 5, link: '.list a' } }));
  });

  it('flags bad advanced JSON without calling the server', async () => {
    const w = mountForm();
    await w.get('textarea[data-testid="source-advanced"]').setValue('{not json');
    await w.get('[data-testid="source-form"]').trigger('submit');
    await errorShown();
    expect(w.text()).toContain('不是有效的 JSON 对象');
    expect(api.createSource).not.toHaveBeenCalled();
  });
});
