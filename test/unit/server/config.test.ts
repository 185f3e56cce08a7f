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

  it('checks the claim-matching thresholds against each other, and against the default when one is set', () => {
    expect(loadConfig({ MATCH_SUGGEST: '0.5', MATCH_CONFIRM: '0.8' })).toMatchObject({ matchSuggestAt: 0.5, matchConfirmAt: 0.8 });
    expect(() => loadConfig({ MATCH_SUGGEST: '0.8', MATCH_CONFIRM: '0.7' })).toThrow(/MATCH_SUGGEST: 0.8 must not exceed MATCH_CONFIRM \(0.7\)/);
    expect(() => loadConfig({ MATCH_SUGGEST: '0.95' })).toThrow(/must not exceed MATCH_CONFIRM \(0.9\)/);
    expect(() => loadConfig({ MATCH_CONFIRM: '1.5' })).toThrow(/MATCH_CONFIRM/);
    expect(loadConfig({}).claimMinutes).toBe(15);
  });
});
