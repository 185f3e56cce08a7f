import { z } from 'zod';

/** The person acting, as typed on this device (until accounts exist: issue 7). */
export const Actor = z.string().trim().min(1).max(64);

/**
 * Names the system acts under, stored like a person's (verdicts, history, reports, seeded topics). The
 * dashboard words them in the reader's language (web actorName; a test keeps the two lists equal).
 */
export const SYSTEM_ACTORS = {
  autoMatch: '系统自动匹配',
  scheduler: '系统（定时生成）',
  demo: '演示数据',
} as const;
export type SystemActorKey = keyof typeof SYSTEM_ACTORS;
