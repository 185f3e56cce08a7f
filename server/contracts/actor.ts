import { z } from 'zod';

/** The person acting, as typed on this device (until accounts exist: issue 7). */
export const Actor = z.string().trim().min(1).max(64);
