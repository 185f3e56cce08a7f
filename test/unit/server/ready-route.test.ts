import { describe, expect, it } from 'vitest';
import { healthRoutes, type HealthProbe } from '../../../server/routes/health';

function probe(over: Partial<HealthProbe> = {}): HealthProbe {
  return { version: 'test', database: () => true, search: async () => true, outboxPending: () => 0, ...over };
}

describe('GET /ready', () => {
  it('is 200 { ready: true } once started while the database answers', async () => {
    const res = await healthRoutes(probe({ state: () => 'ready' })).request('/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true });
  });

  it('is a 503 problem while starting, while shutting down, and when the database fails', async () => {
    const cases: [Partial<HealthProbe>, string][] = [
      [{ state: () => 'starting' }, 'starting'],
      [{ state: () => 'draining' }, 'shutting_down'],
      [{ state: () => 'ready', database: () => false }, 'database_unavailable'],
    ];
    for (const [over, code] of cases) {
      const res = await healthRoutes(probe(over)).request('/ready');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 503, code });
    }
  });

  it('does not depend on the search engine: search falls back to SQLite', async () => {
    const res = await healthRoutes(probe({ search: async () => false })).request('/ready');
    expect(res.status).toBe(200);
  });
});
