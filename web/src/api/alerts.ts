import type { Alert, AlertRule, AlertRuleInput, Delivery, Webhook, WebhookInput } from '../../../server/contracts/alerts';
import { apiRequest } from './client';

export type { Alert, AlertRule, AlertRuleInput, Delivery, Webhook, WebhookInput };

export type AlertStatus = 'open' | 'acked' | 'all';
export interface AlertPage {
  alerts: Alert[];
  total: number;
  /** Alerts not yet acknowledged, whatever the filter. */
  unacked: number;
}
export type AlertWithDeliveries = Alert & { deliveries: Delivery[] };

export const fetchAlerts = (status: AlertStatus, page = 1, pageSize = 20) =>
  apiRequest<AlertPage>(`/api/alerts?status=${status}&page=${page}&pageSize=${pageSize}`);
export const fetchAlert = (id: number) => apiRequest<AlertWithDeliveries>(`/api/alerts/${id}`);
export const ackAlert = (id: number, actor: string) => apiRequest<Alert>(`/api/alerts/${id}/ack`, { method: 'POST', json: { actor } });
export const escalateItem = (itemId: number, note: string, actor: string) =>
  apiRequest<Alert>('/api/alerts/escalate', { method: 'POST', json: { itemId, note, actor } });

export const fetchAlertRules = () => apiRequest<{ rules: AlertRule[] }>('/api/alert-rules');
export const createAlertRule = (rule: AlertRuleInput, actor: string) =>
  apiRequest<AlertRule>('/api/alert-rules', { method: 'POST', json: { rule, actor } });
export const updateAlertRule = (id: number, rule: AlertRuleInput) => apiRequest<AlertRule>(`/api/alert-rules/${id}`, { method: 'PUT', json: rule });
export const deleteAlertRule = (id: number) => apiRequest<void>(`/api/alert-rules/${id}`, { method: 'DELETE' });

export const fetchWebhooks = () => apiRequest<{ webhooks: Webhook[] }>('/api/webhooks');
export const createWebhook = (body: WebhookInput) => apiRequest<Webhook>('/api/webhooks', { method: 'POST', json: body });
export const updateWebhook = (id: number, body: WebhookInput) => apiRequest<Webhook>(`/api/webhooks/${id}`, { method: 'PUT', json: body });
export const deleteWebhook = (id: number) => apiRequest<void>(`/api/webhooks/${id}`, { method: 'DELETE' });
export const testWebhook = (id: number) => apiRequest<{ ok: boolean; error: string | null }>(`/api/webhooks/${id}/test`, { method: 'POST' });
