import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8787);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.sourcesFile).toBeNull();
    expect(c.meiliUrl).toBeNull();
  });

  it('names every invalid key at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', MEILI_URL: 'not a url', LOG_LEVEL: 'loud' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain('PORT');
    expect(message).toContain('MEILI_URL');
    expect(message).toContain('LOG_LEVEL');
  });

  it('refuses a master key without a server URL', () => {
    expect(() => loadConfig({ MEILI_MASTER_KEY: 'abc' })).toThrow(/MEILI_MASTER_KEY/);
  });
});
