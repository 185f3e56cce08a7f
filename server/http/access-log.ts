import type { MiddlewareHandler } from 'hono';
import { actorName } from '../auth/permissions';
import type { Authenticated } from '../services/auth-service';

export interface AccessLogger {
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * One structured line per API request, with its request id (the id a problem response names), who
 * made it, the status and the time taken. Changes and refusals at info, reads at debug (the
 * dashboard polls), server errors at warn (the error itself is logged by the error handler).
 */
export function accessLog(log: AccessLogger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const who = c.get('auth' as never) as Authenticated | undefined;
    const entry = {
      requestId: c.get('requestId' as never) as string | undefined,
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      actor: who ? actorName(who.identity) : null,
    };
    if (status >= 500) log.warn(entry, 'request failed');
    else if (c.req.method !== 'GET' || status >= 400) log.info(entry, 'request');
    else log.debug(entry, 'request');
  };
}
