import type { Webhook, WebhookFormat, WebhookInput } from '../../../../server/contracts/alerts';
import { ApiError } from '../../api/client';

export const WEBHOOK_FORMATS: readonly WebhookFormat[] = ['json', 'wecom', 'dingtalk'];
export type WebhookField = 'name' | 'url' | 'format' | 'secret' | 'forEscalations' | 'enabled';
export type WebhookMessages = Partial<Record<WebhookField | 'form', string>>;

/** The secret is write-only: blank on edit means "keep the stored one". */
export interface WebhookForm {
  name: string;
  url: string;
  format: WebhookFormat;
  secret: string;
  forEscalations: boolean;
  enabled: boolean;
}

export const emptyWebhookForm = (): WebhookForm => ({ name: '', url: '', format: 'wecom', secret: '', forEscalations: false, enabled: true });

export function formFromWebhook(w: Webhook): WebhookForm {
  return { name: w.name, url: w.url, format: w.format, secret: '', forEscalations: w.forEscalations, enabled: w.enabled };
}

export function webhookToBody(f: WebhookForm): WebhookInput {
  const secret = f.secret.trim();
  return { name: f.name.trim(), url: f.url.trim(), format: f.format, secret: secret || null, forEscalations: f.forEscalations, enabled: f.enabled };
}

export function checkWebhookForm(f: WebhookForm, texts: { needName: string; badUrl: string }): WebhookMessages {
  const out: WebhookMessages = {};
  if (!f.name.trim()) out.name = texts.needName;
  if (!/^https?:\/\/\S+$/i.test(f.url.trim())) out.url = texts.badUrl;
  return out;
}

const FIELDS: readonly WebhookField[] = ['name', 'url', 'format', 'secret', 'forEscalations', 'enabled'];

export function webhookErrorsFromApi(err: unknown, texts: { conflict: string }): WebhookMessages {
  if (!(err instanceof ApiError)) return {};
  if (err.code === 'conflict') return { name: texts.conflict };
  const out: WebhookMessages = {};
  for (const fe of err.fieldErrors) {
    const key: WebhookField | 'form' = FIELDS.find((f) => f === fe.path.split('.')[0]) ?? 'form';
    out[key] = out[key] ? `${out[key]}；${fe.message}` : fe.message;
  }
  return out;
}
