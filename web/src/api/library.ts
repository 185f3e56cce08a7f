import type {
  ClockReport,
  LibraryCreate,
  LibraryEntry,
  LibraryImportBody,
  LibraryImportResult,
  LibraryMerge,
  LibraryPage,
  LibraryPatch,
  Rebuttal,
  RebuttalChannel,
  RebuttalCreate,
  RumourCategory,
  Sighting,
  SightingsView,
} from '../../../server/contracts/library';
import type { AuditEntry } from '../../../server/contracts/review';
import { apiRequest } from './client';

export type {
  AuditEntry,
  ClockReport,
  LibraryCreate,
  LibraryEntry,
  LibraryImportBody,
  LibraryImportResult,
  LibraryPage,
  LibraryPatch,
  Rebuttal,
  RebuttalChannel,
  RebuttalCreate,
  RumourCategory,
  Sighting,
  SightingsView,
};

export interface LibraryListParams {
  q?: string;
  category?: RumourCategory | '';
  /** Entries merged into others are hidden unless 'show'. */
  merged?: 'hide' | 'show';
  page?: number;
  pageSize?: number;
}

export interface RebuttalPage {
  rebuttals: Rebuttal[];
  total: number;
  page: number;
  pageSize: number;
}

/** The list query string, leaving out what is not set so the server's defaults apply. */
export function libraryListQuery(p: LibraryListParams): string {
  const s = new URLSearchParams();
  if (p.q?.trim()) s.set('q', p.q.trim());
  if (p.category) s.set('category', p.category);
  if (p.merged === 'show') s.set('merged', 'show');
  if (p.page) s.set('page', String(p.page));
  if (p.pageSize) s.set('pageSize', String(p.pageSize));
  return s.toString();
}

/** A plain link target: the browser downloads the file itself (content-disposition: attachment). */
export const libraryExportUrl = (format: 'json' | 'csv') => `/api/library/export?format=${format}`;

export const fetchLibrary = (p: LibraryListParams = {}, signal?: AbortSignal) => {
  const qs = libraryListQuery(p);
  return apiRequest<LibraryPage>(`/api/library${qs ? `?${qs}` : ''}`, { signal });
};
export const fetchLibraryEntry = (id: number) => apiRequest<LibraryEntry>(`/api/library/${id}`);
export const postLibraryEntry = (body: LibraryCreate) => apiRequest<LibraryEntry>('/api/library', { method: 'POST', json: body });
export const patchLibraryEntry = (id: number, body: LibraryPatch) =>
  apiRequest<LibraryEntry>(`/api/library/${id}`, { method: 'PATCH', json: body });
export const postLibraryMerge = (id: number, body: LibraryMerge) =>
  apiRequest<LibraryEntry>(`/api/library/${id}/merge`, { method: 'POST', json: body });
export const fetchSightings = (id: number) => apiRequest<SightingsView>(`/api/library/${id}/sightings`);
export const fetchLibraryHistory = (id: number) => apiRequest<AuditEntry[]>(`/api/library/${id}/history`);
export const postLibraryImport = (body: LibraryImportBody) =>
  apiRequest<LibraryImportResult>('/api/library/import', { method: 'POST', json: body, timeoutMs: 120_000 });
export const fetchClock = () => apiRequest<ClockReport>('/api/library/clock');
export const fetchRebuttals = (page = 1, pageSize = 20) => apiRequest<RebuttalPage>(`/api/rebuttals?page=${page}&pageSize=${pageSize}`);
export const postRebuttal = (body: RebuttalCreate) => apiRequest<Rebuttal>('/api/rebuttals', { method: 'POST', json: body });
