import { z } from 'zod';
import { ConfigError } from './config';

const Env = z.object({
  /** The sources to crawl (YAML or JSON); see crawler/sources.example.yaml. */
  SOURCES_FILE: z.string().min(1),
  /** Base URL of the dashboard server, e.g. https://yuqing.example.gov.cn */
  API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  /** Must equal the server's INGEST_TOKEN. */
  INGEST_TOKEN: z.string().min(16, 'use at least 16 characters (the server requires it)'),
});

export interface CrawlerEnv {
  readonly sourcesFile: string;
  readonly apiUrl: string;
  readonly ingestToken: string;
}

/** The standalone crawler's only reader of process.env. Every invalid key is reported at once. */
export function loadCrawlerEnv(env: NodeJS.ProcessEnv = process.env): CrawlerEnv {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const key = i.path.map(String).join('.');
      return `  ${key}: ${env[key] === undefined ? 'required' : i.message}`;
    });
    throw new ConfigError(`invalid crawler configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze({
    sourcesFile: parsed.data.SOURCES_FILE,
    apiUrl: parsed.data.API_URL.replace(/\/+$/, ''),
    ingestToken: parsed.data.INGEST_TOKEN,
  });
}
