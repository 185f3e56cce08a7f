import { ApiError } from '../../api/client';

export interface LoginErrorText {
  key: string;
  params?: Record<string, unknown>;
}

/**
 * What to say when sign-in fails, by the server's code (never its wording): wrong password, locked
 * (minutes from Retry-After), disabled, a demo account outside demo mode. The server answers both
 * of the last two with 403 'forbidden'; in demo mode demo accounts work, so there it means disabled.
 */
export function loginErrorText(err: unknown, ctx: { demoMode: boolean }): LoginErrorText | null {
  if (!(err instanceof ApiError)) return null;
  if (err.status === 401) return { key: 'auth.errors.unauthorized' };
  if (err.status === 429 || err.code === 'too_many_attempts') {
    return err.retryAfter && err.retryAfter > 0
      ? { key: 'auth.errors.locked', params: { minutes: Math.max(1, Math.ceil(err.retryAfter / 60)) } }
      : { key: 'auth.errors.lockedSoon' };
  }
  if (err.code === 'account_disabled') return { key: 'auth.errors.disabled' };
  if (err.code === 'demo_only') return { key: 'auth.errors.demoOnly' };
  if (err.status === 403) return { key: ctx.demoMode ? 'auth.errors.disabled' : 'auth.errors.forbidden' };
  return null;
}
