import type { SourceConfig, SourceView } from '../../../server/contracts/source';
import { apiRequest } from './client';

export type SourceOrigin = SourceView['origin'];
export type { SourceConfig };

/** Dashboard sources (admins): add, replace, delete; the stored config of any source for the edit form. */
export const createSource = (config: unknown) => apiRequest<SourceView>('/api/sources', { method: 'POST', json: config });
export const replaceSource = (id: string, config: unknown) =>
  apiRequest<SourceView>(`/api/sources/${encodeURIComponent(id)}`, { method: 'PUT', json: config });
export const deleteSource = (id: string) => apiRequest<void>(`/api/sources/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const fetchSourceConfig = (id: string) =>
  apiRequest<{ origin: SourceOrigin; config: SourceConfig }>(`/api/sources/${encodeURIComponent(id)}/config`);
