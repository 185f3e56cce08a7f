import type {
  BasisRecord, BasisRecords, EntryPage, EntryPatch, ImportErrorCode, ImportFormat, ImportPreviewRow, ImportRowError, LedgerCategory, LedgerEntry, LedgerImportResult,
  LedgerTarget, LedgerTotals, LedgerUnit, MissingReports, PressCandidate, PressCandidates, PressState, TargetInput, ZeroReport,
} from '../../../server/contracts/ledger';
import type { DistrictProfile } from '../../../server/contracts/report';
import { apiRequest } from './client';

export type {
  BasisRecord, BasisRecords, EntryPage, ImportErrorCode, ImportFormat, ImportPreviewRow, ImportRowError, LedgerCategory, LedgerEntry, LedgerImportResult, LedgerTarget, LedgerTotals,
  LedgerUnit, MissingReports, TargetInput, ZeroReport, DistrictProfile, PressCandidate, PressState,
};

/** What the quick-entry form sends: the contract's input, the optional links null when not chosen. */
export interface EntryCreate {
  day: string;
  unitId: number;
  categoryKey: string;
  quantity: number;
  note: string | null;
  /** The topic (专题) and the known rumour (library entry) the outreach answered. */
  topicId: number | null;
  libraryId: number | null;
  actor: string;
}
export type EntryChange = Omit<EntryPatch, 'actor'>;

const qs = (params: Record<string, string | number | null | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const fetchLedgerUnits = () => apiRequest<{ units: LedgerUnit[] }>('/api/ledger/units');
export const fetchLedgerCategories = () => apiRequest<{ categories: LedgerCategory[] }>('/api/ledger/categories');

/** One day's entries of a unit (and its sub-units); a day's list stays well under one page. */
export const fetchLedgerDayEntries = (day: string, unitId: number) =>
  apiRequest<EntryPage>(`/api/ledger/entries${qs({ from: day, to: day, unitId, pageSize: 500 })}`);
export const createLedgerEntry = (body: EntryCreate) => apiRequest<LedgerEntry>('/api/ledger/entries', { method: 'POST', json: body });
export const updateLedgerEntry = (id: number, change: EntryChange, actor: string) =>
  apiRequest<LedgerEntry>(`/api/ledger/entries/${id}`, { method: 'PATCH', json: { ...change, actor } });
export const deleteLedgerEntry = (id: number, actor: string) =>
  apiRequest<void>(`/api/ledger/entries/${id}${qs({ actor })}`, { method: 'DELETE' });

export const fetchLedgerTotals = (from: string, to: string, unitId: number | null) =>
  apiRequest<LedgerTotals>(`/api/ledger/totals${qs({ from, to, unitId })}`);

/** The records (rebuttals or items, newest first, at most 500) behind an automatic figure of the district's totals. */
export const fetchLedgerBasisRecords = (key: string, from: string, to: string) =>
  apiRequest<BasisRecords>(`/api/ledger/totals/${encodeURIComponent(key)}/records${qs({ from, to })}`);

export const fetchMissingReports = (day: string) => apiRequest<MissingReports>(`/api/ledger/missing-reports${qs({ day })}`);
export const postZeroReport = (unitId: number, day: string, actor: string) =>
  apiRequest<ZeroReport>('/api/ledger/zero-reports', { method: 'POST', json: { unitId, day, actor } });

export const fetchLedgerTargets = () => apiRequest<{ targets: LedgerTarget[] }>('/api/ledger/targets');

export const postLedgerImport = (body: { format: ImportFormat; content: string; actor: string; dryRun: boolean }) =>
  apiRequest<LedgerImportResult>('/api/ledger/import', { method: 'POST', json: body, timeoutMs: 120_000 });

/** A plain link (the browser downloads it): no fetch needed. */
export const ledgerTemplateUrl = (format: ImportFormat) => `/api/ledger/import/template${qs({ format })}`;

export const postLedgerTarget = (body: TargetInput) => apiRequest<LedgerTarget>('/api/ledger/targets', { method: 'POST', json: body });

/** Items recognised as press conferences; confirmed ones count (once per conference) towards 新闻发布会. */
export const fetchPressConferences = (from: string, to: string) =>
  apiRequest<PressCandidates>(`/api/ledger/press-conferences${qs({ from, to })}`);
export const putPressConference = (itemId: number, state: PressState, actor: string) =>
  apiRequest<PressCandidate>(`/api/ledger/press-conferences/${itemId}`, { method: 'PUT', json: { state, actor } });

/** The district the automatic media counts look for; 404 (not_found) until someone sets it. */
export const fetchDistrict = () => apiRequest<DistrictProfile>('/api/ledger/district');
export const putDistrict = (body: DistrictProfile & { actor: string }) => apiRequest<DistrictProfile>('/api/ledger/district', { method: 'PUT', json: body });
