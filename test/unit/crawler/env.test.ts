import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../crawler/config';
import { loadCrawlerEnv } from '../../../crawler/env';

describe('loadCrawlerEnv', () => {
  it('reads a valid environment and trims the API URL', () => {
    const env = loadCrawlerEnv({ SOURCES_FILE: 'sources.yaml', API_URL: 'https://yuqing.example.gov.cn/', INGEST_TOKEN: 'x'.repeat(32) });
    expect(env).toEqual({ sourcesFile: 'sources.yaml', apiUrl: 'https://yuqing.example.gov.cn', ingestToken: 'x'.repeat(32) });
  });

  it('reports every invalid key at once', () => {
    let message = '';
    try {
      loadCrawlerEnv({ API_URL: 'ftp://x', INGEST_TOKEN: 'short' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain('SOURCES_FILE: required');
    expect(message).toContain('API_URL: must be an http(s) URL');
    expect(message).toContain('INGEST_TOKEN: use at least 16 characters');
  });
});
