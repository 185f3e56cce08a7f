import type { Health, ItemPage, Overview, Trends } from '../../../server/contracts/api';
import type { AuditEntry, ClusterVerdictBody, ClusterVerdictResult, EvidenceItem, ReviewQueuePage, VerdictBody } from '../../../server/contracts/review';
import type { Item } from '../../../server/contracts/item';
import type { ItemCluster } from '../../../server/contracts/cluster';
import type { CrawlRun, SourceView } from '../../../server/contracts/source';
import type { OfflineSighting, OfflineSightingPage, SightingReport } from '../../../server/contracts/sighting';
import type { Calibration } from '../../../server/contracts/calibration';
import { apiRequest } from './client';

export type { Health, ItemPage, Overview, Trends, VerdictBody, Item, CrawlRun, SourceView, ReviewQueuePage, AuditEntry };

export const fetchHealth = () => apiRequest<Health>('/api/health');
export const fetchOverview = () => apiRequest<Overview>('/api/stats/overview');
export const fetchTrends = (days = 14) => apiRequest<Trends>(`/api/stats/trends?days=${days}`);
export const fetchItems = (params: URLSearchParams, signal?: AbortSignal) =>
  apiRequest<ItemPage>(`/api/items?${params.toString()}`, { signal });
export const fetchItem = (id: number) => apiRequest<Item>(`/api/items/${id}`);
export const fetchItemCluster = (id: number, limit = 50) => apiRequest<ItemCluster>(`/api/items/${id}/cluster?limit=${limit}`);
export const fetchReviewQueue = (params: URLSearchParams) => apiRequest<ReviewQueuePage>(`/api/review/queue?${params.toString()}`);
export const postVerdict = (id: number, body: VerdictBody) =>
  apiRequest<Item>(`/api/review/items/${id}/verdict`, { method: 'POST', json: body });
export const postClusterVerdict = (clusterId: number, body: ClusterVerdictBody) =>
  apiRequest<ClusterVerdictResult>(`/api/review/clusters/${clusterId}/verdict`, { method: 'POST', json: body });
export const postClaim = (id: number, editor: string) =>
  apiRequest<Item>(`/api/review/items/${id}/claim`, { method: 'POST', json: { editor } });
export const postRelease = (id: number, editor: string) =>
  apiRequest<Item>(`/api/review/items/${id}/release`, { method: 'POST', json: { editor } });
export const fetchItemHistory = (id: number) => apiRequest<AuditEntry[]>(`/api/review/items/${id}/history`);
export const fetchEvidence = (id: number) => apiRequest<EvidenceItem[]>(`/api/review/items/${id}/evidence`);
export const fetchSources = () => apiRequest<{ sources: SourceView[] }>('/api/sources');
export const postCrawlNow = (id: string) =>
  apiRequest<{ runId: number }>(`/api/sources/${encodeURIComponent(id)}/crawl`, { method: 'POST' });
export const patchSourcePaused = (id: string, paused: boolean) =>
  apiRequest<SourceView>(`/api/sources/${encodeURIComponent(id)}`, { method: 'PATCH', json: { paused } });
export const fetchCrawlRuns = (page: number, pageSize: number, source?: string) =>
  apiRequest<{ runs: CrawlRun[]; total: number }>(
    `/api/crawl-runs?page=${page}&pageSize=${pageSize}${source ? `&source=${encodeURIComponent(source)}` : ''}`,
  );
export const postSighting = (body: SightingReport) => apiRequest<OfflineSighting>('/api/sightings', { method: 'POST', json: body });
export const fetchSightings = (page: number, pageSize: number) =>
  apiRequest<OfflineSightingPage>(`/api/sightings?page=${page}&pageSize=${pageSize}`);
export const fetchCalibration = () => apiRequest<Calibration>('/api/review/calibration');
