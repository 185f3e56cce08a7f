import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ReportFile } from '../../../server/contracts/report';
import { ApiError } from '../../../web/src/api/client';
import { useLiveStore } from '../../../web/src/stores/live';
import { mountOptions, settle, testMe } from './mount-helpers';

const api = vi.hoisted(() => ({
  fetchReports: vi.fn(),
  fetchReport: vi.fn(),
  postReport: vi.fn(),
  reportDocxUrl: (id: number) => `/api/reports/${id}/docx`,
  reportHtmlUrl: (id: number) => `/api/reports/${id}/html`,
  reportPreviewUrl: (from: string, to: string, unitId: number | null) => `/api/reports/preview?from=${from}&to=${to}${unitId ? `&unitId=${unitId}` : ''}`,
}));
const ledger = vi.hoisted(() => ({ fetchLedgerUnits: vi.fn() }));
vi.mock('../../../web/src/api/reports', () => api);
vi.mock('../../../web/src/api/ledger', () => ledger);

const { default: ReportsPage } = await import('../../../web/src/features/reports/ReportsPage.vue');

const report = (id: number, over: Partial<ReportFile> = {}): ReportFile => ({
  id,
  kind: 'weekly',
  from: '2026-11-16',
  to: '2026-11-22',
  unitId: null,
  unitName: null,
  title: `宣传工作周报 ${id}`,
  status: 'done',
  done: 5,
  total: 5,
  error: null,
  sizeBytes: 840_000,
  createdBy: '系统',
  createdAt: '2026-11-23T00:00:00Z',
  finishedAt: '2026-11-23T00:01:00Z',
  ...over,
});

const Blank = defineComponent({ render: () => h('div') });
async function mountAt(path: string) {
  const r = createRouter({ history: createMemoryHistory(), routes: [{ path: '/reports', component: Blank }, { path: '/items/:id', component: Blank }] });
  await r.push(path);
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-29T04:00:00Z') });
  const w = mount(ReportsPage, { ...mountOptions(r, testMe('leader', { displayName: '李主任' })), attachTo: document.body });
  vi.useRealTimers();
  await settle();
  return { w, router: r };
}

beforeEach(() => {
  localStorage.clear();
  ledger.fetchLedgerUnits.mockResolvedValue({
    units: [
      { id: 1, name: '东城街道', parentId: null, kind: 'street', sortOrder: 0, depth: 0 },
      { id: 2, name: '和平社区', parentId: 1, kind: 'community', sortOrder: 0, depth: 1 },
    ],
  });
});
afterEach(() => {
  vi.clearAllMocks();
  document.body.innerHTML = '';
});

describe('reports page', () => {
  it('lists the reports with kind, period, scope, size and links named after the period', async () => {
    api.fetchReports.mockResolvedValue({
      reports: [
        report(3, { kind: 'custom', from: '2026-11-01', to: '2026-11-28', unitId: 2, unitName: '和平社区', createdBy: '王科长', status: 'failed', error: '图表生成失败', sizeBytes: null }),
        report(2, { kind: 'monthly', from: '2026-10-01', to: '2026-10-31', sizeBytes: 1_500_000 }),
        report(1),
      ],
    });
    const { w } = await mountAt('/reports');
    const row1 = w.get('[data-testid="report-row-1"]');
    expect(row1.text()).toContain('周报');
    expect(row1.text()).toContain('2026-11-16 至 2026-11-22');
    expect(row1.text()).toContain('全区');
    expect(row1.text()).toContain('820 KB');
    expect(row1.text()).toContain('2026-11-23 08:00');
    const dl = w.get('[data-testid="report-download-1"]');
    expect(dl.attributes()).toMatchObject({ href: '/api/reports/1/docx', download: '' });
    expect(dl.attributes('aria-label')).toContain('2026-11-16 至 2026-11-22');
    expect(w.get('[data-testid="report-print-1"]').attributes()).toMatchObject({ href: '/api/reports/1/html', target: '_blank' });
    // The leader's shortcut: the latest weekly report, one click from the page.
    expect(w.get('[data-testid="report-latest-weekly"]').attributes('href')).toBe('/api/reports/1/docx');
    expect(w.get('[data-testid="report-latest-monthly"]').attributes('href')).toBe('/api/reports/2/docx');

    const failed = w.get('[data-testid="report-row-3"]');
    expect(failed.text()).toContain('和平社区');
    expect(failed.get('[data-testid="report-error-3"]').text()).toContain('图表生成失败');
    expect(failed.find('[data-testid="report-download-3"]').exists()).toBe(false);
    w.unmount();
  });

  it('follows a report’s progress from the live "report" events until it is done', async () => {
    api.fetchReports.mockResolvedValue({ reports: [report(5, { status: 'queued', done: 0, total: 4, sizeBytes: null, finishedAt: null })] });
    const { w } = await mountAt('/reports');
    const live = useLiveStore();
    expect(w.get('[data-testid="report-status-5"]').text()).toBe('排队中');
    expect(w.find('[data-testid="report-download-5"]').exists()).toBe(false);

    live.receiveReport(report(5, { status: 'running', done: 1, total: 4, sizeBytes: null }));
    await settle();
    expect(w.get('[data-testid="report-status-5"]').text()).toBe('生成中');
    expect(w.get('[data-testid="report-progress-5"]').text()).toContain('25%');
    expect(w.get('[data-testid="report-row-5"]').text()).toContain('1/4 步');

    live.receiveReport(report(5, { status: 'done', done: 4, total: 4, sizeBytes: 2048 }));
    await settle();
    expect(w.get('[data-testid="report-status-5"]').text()).toBe('已完成');
    expect(w.find('[data-testid="report-progress-5"]').exists()).toBe(false);
    expect(w.get('[data-testid="report-download-5"]').attributes('href')).toBe('/api/reports/5/docx');

    // A scheduled report nobody asked for on this page appears too.
    live.receiveReport(report(9, { kind: 'monthly', status: 'running', done: 1, total: 5 }));
    await settle();
    expect(w.find('[data-testid="report-row-9"]').exists()).toBe(true);
    w.unmount();
  });

  it('generates with the chosen period, unit and actor, and shows the queued report', async () => {
    api.fetchReports.mockResolvedValue({ reports: [] });
    api.postReport.mockResolvedValue(report(7, { kind: 'custom', from: '2026-11-01', to: '2026-11-29', unitId: 2, unitName: '和平社区', status: 'queued', done: 0, total: 0 }));
    const { w, router } = await mountAt('/reports?period=thisMonth&unit=2&kind=weekly');
    expect(w.get('[data-testid="report-period"]').text()).toBe('2026-11-01 至 2026-11-29');
    expect(w.get('[data-testid="report-preview"]').attributes()).toMatchObject({ href: '/api/reports/preview?from=2026-11-01&to=2026-11-29&unitId=2', target: '_blank' });

    await w.get('[data-testid="report-generate-docx"]').trigger('click');
    await settle();
    expect(api.postReport).toHaveBeenCalledWith({ from: '2026-11-01', to: '2026-11-29', unitId: 2, actor: '李主任' });
    // The new report is custom: the weekly filter steps aside so it can be seen.
    expect(router.currentRoute.value.query).toEqual({ period: 'thisMonth', unit: '2' });
    expect(w.get('[data-testid="report-status-7"]').text()).toBe('排队中');
    w.unmount();
  });

  it('asks nobody for a name: the report is generated under the signed-in user', async () => {
    api.fetchReports.mockResolvedValue({ reports: [] });
    const { w } = await mountAt('/reports');
    expect(w.find('[data-testid="reports-actor"]').exists()).toBe(false);
    expect(w.get('[data-testid="report-generate-docx"]').attributes('disabled')).toBeUndefined();
    w.unmount();
  });

  it('keeps the kind filter and the period preset in the URL', async () => {
    api.fetchReports.mockResolvedValue({ reports: [report(1), report(2, { kind: 'monthly', from: '2026-10-01', to: '2026-10-31' })] });
    const { w, router } = await mountAt('/reports?kind=monthly');
    expect(w.find('[data-testid="report-row-1"]').exists()).toBe(false);
    expect(w.find('[data-testid="report-row-2"]').exists()).toBe(true);

    await w.get('[data-testid="report-kind-weekly"] input').setValue(true);
    await settle();
    expect(router.currentRoute.value.query).toEqual({ kind: 'weekly' });
    expect(w.find('[data-testid="report-row-1"]').exists()).toBe(true);
    expect(w.find('[data-testid="report-row-2"]').exists()).toBe(false);

    await w.get('[data-testid="report-preset-lastMonth"] input').setValue(true);
    await settle();
    expect(router.currentRoute.value.query).toEqual({ kind: 'weekly', period: 'lastMonth' });
    expect(w.get('[data-testid="report-period"]').text()).toBe('2026-10-01 至 2026-10-31');

    await w.get('[data-testid="report-preset-custom"] input').setValue(true);
    await settle();
    expect(router.currentRoute.value.query).toEqual({ kind: 'weekly', period: 'custom', from: '2026-10-01', to: '2026-10-31' });
    w.unmount();
  });

  it('shows the error state when the list cannot be had (the API not there yet)', async () => {
    api.fetchReports.mockRejectedValue(new ApiError(404, 'not_found', 'Not Found'));
    const { w } = await mountAt('/reports');
    expect(w.find('[data-testid="state-error"]').exists()).toBe(true);
    // The form still works: a preview needs no list.
    expect(w.find('[data-testid="report-generate-docx"]').exists()).toBe(true);
    w.unmount();
  });
});
