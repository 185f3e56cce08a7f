import type { DistrictProfile, ReportFile, ReportKind, ReportList, ReportRequest, ReportStatus } from '../../../server/contracts/report';
import { apiRequest } from './client';

export type { DistrictProfile, ReportFile, ReportKind, ReportList, ReportRequest, ReportStatus };

const qs = (params: Record<string, string | number | null | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** Every kept report, newest first (the scheduled weekly / monthly ones and those asked for). */
export const fetchReports = () => apiRequest<ReportList>('/api/reports');
export const fetchReport = (id: number) => apiRequest<ReportFile>(`/api/reports/${id}`);
/** Queues a report (202): the answer is the queued file; progress then comes as SSE "report" events. */
export const postReport = (body: ReportRequest) => apiRequest<ReportFile>('/api/reports', { method: 'POST', json: body });

/** Plain links (the browser downloads or opens them): no fetch needed. */
export const reportDocxUrl = (id: number) => `/api/reports/${id}/docx`;
export const reportHtmlUrl = (id: number) => `/api/reports/${id}/html`;
export const reportPreviewUrl = (from: string, to: string, unitId: number | null) => `/api/reports/preview${qs({ from, to, unitId })}`;
