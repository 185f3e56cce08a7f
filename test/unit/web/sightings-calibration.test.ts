import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCalibrationOption } from '../../../web/src/charts/calibration-option';
import { mountOptions, settle, testRouter } from './mount-helpers';

const api = vi.hoisted(() => ({ postSighting: vi.fn(), fetchSightings: vi.fn(), fetchCrawlRuns: vi.fn() }));
vi.mock('../../../web/src/api/resources', () => api);
const { default: SightingsPage } = await import('../../../web/src/features/sightings/SightingsPage.vue');

beforeEach(() => {
  localStorage.clear();
  api.fetchSightings.mockResolvedValue({ sightings: [], total: 0, page: 1, pageSize: 20 });
});
afterEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

async function mountPage() {
  const router = testRouter();
  await router.push('/');
  const w = mount(SightingsPage, { ...mountOptions(router), attachTo: document.body });
  await settle();
  return w;
}

describe('offline sightings form', () => {
  it('refuses to send an incomplete report and says why', async () => {
    const w = await mountPage();
    await w.get('textarea').setValue('网传');
    await w.get('[data-testid="sighting-form"]').trigger('submit');
    await settle();
    expect(api.postSighting).not.toHaveBeenCalled();
    expect(w.get('[role="alert"]').text()).toContain('标红');
    w.unmount();
  });

  it('sends what, where, which day and who; remembers the reporter and clears the text', async () => {
    api.postSighting.mockResolvedValue({ itemId: 1, libraryLinks: [], tags: [], status: 'new', clusterSize: 1 });
    const w = await mountPage();
    await w.get('textarea').setValue('  网传菜市场猪肉都是病死猪  ');
    await w.get('input[data-testid="sighting-place"]').setValue('西城菜市场');
    await w.get('input[data-testid="sighting-reporter"]').setValue('网格员王芳');
    await w.get('[data-testid="sighting-form"]').trigger('submit');
    await settle();
    expect(api.postSighting).toHaveBeenCalledTimes(1);
    const body = api.postSighting.mock.calls[0]![0];
    expect(body).toMatchObject({ text: '网传菜市场猪肉都是病死猪', place: '西城菜市场', reportedBy: '网格员王芳' });
    expect(body.heardOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(localStorage.getItem('yuqing.reporter')).toBe('网格员王芳');
    expect((w.get('textarea').element as HTMLTextAreaElement).value).toBe('');
    w.unmount();
  });

  it('lists recent sightings as text, never as markup', async () => {
    api.fetchSightings.mockResolvedValue({
      sightings: [
        { itemId: 3, text: '<img src=x onerror=alert(1)>听说要停水', place: '东城', heardOn: '2026-11-20', reportedBy: '李', reportedAt: '2026-11-20T02:00:00Z', tags: [], status: 'new', clusterSize: 3, libraryLinks: [] },
      ],
      total: 1,
      page: 1,
      pageSize: 20,
    });
    const w = await mountPage();
    const row = w.get('[data-testid="sighting-row"]');
    expect(row.find('img').exists()).toBe(false);
    expect(row.text()).toContain('听说要停水');
    expect(row.text()).toContain('相似内容 3 条');
    w.unmount();
  });
});

describe('calibration chart', () => {
  it('draws precision as percent bars and the decided counts as a line; empty bands stay empty', () => {
    const option = buildCalibrationOption(
      [
        { key: '0', label: '0.0–0.1', decided: 0, confirmed: 0, precision: null },
        { key: '9', label: '0.9–1.0', decided: 3, confirmed: 2, precision: 0.667 },
      ],
      { precision: '准确率', decided: '已研判' },
    ) as { series: { data: (number | null)[] }[]; xAxis: { data: string[] } };
    expect(option.xAxis.data).toEqual(['0.0–0.1', '0.9–1.0']);
    expect(option.series[0]!.data).toEqual([null, 66.7]);
    expect(option.series[1]!.data).toEqual([0, 3]);
  });
});
