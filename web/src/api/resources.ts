import type { Health, ItemPage, Overview, Trends, VerdictBody } from '../../../server/contracts/api';
import type { Item } from '../../../server/contracts/item';
import type { CrawlRun, SourceView } from '../../../server/contracts/source';
import { apiRequest } from './client';

export type { Health, ItemPage, Overview, Trends, VerdictBody, Item, CrawlRun, SourceView };

export const fetchHealth = () => apiRequest<Health>('/api/health');
export const fetchOverview = () => apiRequest<Overview>('/api/stats/overview');
export const fetchTrends = (days = 14) => apiRequest<Trends>(`/api/stats/trends?days=${days}`);
export const fetchItems = (params: URLSearchParams, signal?: AbortSignal) =>
  apiRequest<ItemPage>(`/api/items?${params.toString()}`, { signal });
export const fetchItem = (id: number) => apiRequest<Item>(`/api/items/${id}`);
export const fetchReviewQueue = (status: 'pending' | 'decided' | 'all', page: number, pageSize: number) =>
  apiRequest<ItemPage>(`/api/review/queue?status=${status}&page=${page}&pageSize=${pageSize}`);
export const postVerdict = (id: number, body: VerdictBody) =>
  apiRequest<Item>(`/api/review/items/${id}/verdict`, { method: 'POST', json: body });
export const fetchSources = () => apiRequest<{ sources: SourceView[] }>('/api/sources');
export const postCrawlNow = (id: string) =>
  apiRequest<{ runId: number }>(`/api/sources/${encodeURIComponent(id)}/crawl`, { method: 'POST' });
export const patchSourcePaused = (id: string, paused: boolean) =>
  apiRequest<SourceView>(`/api/sources/${encodeURIComponent(id)}`, { method: 'PATCH', json: { paused } });
export const fetchCrawlRuns = (page: number, pageSize: number, source?: string) =>
  apiRequest<{ runs: CrawlRun[]; total: number }>(
    `/api/crawl-runs?page=${page}&pageSize=${pageSize}${source ? `&source=${encodeURIComponent(source)}` : ''}`,
  );
