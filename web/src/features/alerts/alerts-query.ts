import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { pick, queryString } from '../../trend-query';

export const ALERT_TABS = ['alerts', 'rules', 'webhooks'] as const;
export type AlertTab = (typeof ALERT_TABS)[number];
export const ALERT_STATUSES = ['open', 'acked', 'all'] as const;
export type AlertStatusFilter = (typeof ALERT_STATUSES)[number];

/** What the alerts page shows, kept in the URL: tab, status filter, page and the alert opened. */
export interface AlertsView {
  tab: AlertTab;
  status: AlertStatusFilter;
  page: number;
  /** The alert whose detail is open (?id=N), or null. */
  id: number | null;
}

export const DEFAULT_ALERTS_VIEW: AlertsView = { tab: 'alerts', status: 'open', page: 1, id: null };

const positive = (s: string): number | null => (/^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : null);

export function alertsFromQuery(q: LocationQuery): AlertsView {
  return {
    tab: pick(queryString(q.tab), ALERT_TABS, 'alerts'),
    status: pick(queryString(q.status), ALERT_STATUSES, 'open'),
    page: positive(queryString(q.page)) ?? 1,
    id: positive(queryString(q.id)),
  };
}

/** Only what differs from the default view, so links stay short. */
export function alertsToQuery(v: AlertsView): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  if (v.tab !== 'alerts') out.tab = v.tab;
  if (v.status !== 'open') out.status = v.status;
  if (v.page > 1) out.page = String(v.page);
  if (v.id) out.id = String(v.id);
  return out;
}
