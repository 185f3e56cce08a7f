import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest } from '../../../web/src/api/client';

afterEach(() => vi.unstubAllGlobals());

describe('the API client', () => {
  it('turns problem+json into an ApiError with the stable code and field errors', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(
        JSON.stringify({ status: 422, code: 'validation_failed', detail: 'invalid request body', requestId: 'r1', errors: [{ path: 'reviewer', message: 'Too small' }] }),
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const err = await apiRequest('/api/x', { method: 'POST', json: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, code: 'validation_failed', requestId: 'r1', fieldErrors: [{ path: 'reviewer', message: 'Too small' }] });
  });

  it('keeps a field error\'s rule and figures, dropping figures of a shape it does not know', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(
        JSON.stringify({
          status: 422,
          code: 'validation_failed',
          detail: 'invalid',
          errors: [
            { path: 'pageSize', message: 'Too big', code: 'too_big', params: { maximum: 100, origin: 'number', odd: { x: 1 } } },
            { path: 'note', message: 'x', code: 7, params: 'nope' },
          ],
        }),
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const err = (await apiRequest('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(err.fieldErrors).toEqual([
      { path: 'pageSize', message: 'Too big', code: 'too_big', params: { maximum: 100, origin: 'number' } },
      { path: 'note', message: 'x' },
    ]);
  });

  it("keeps a conflict's reason and figures", async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(
        JSON.stringify({ status: 409, code: 'conflict', detail: 'item 7 is being reviewed by 张编辑', reason: 'claimed', params: { id: 7, holder: '张编辑', odd: { x: 1 } } }),
        { status: 409, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const err = (await apiRequest('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ status: 409, code: 'conflict', conflict: { reason: 'claimed', params: { id: 7, holder: '张编辑' } } });
    expect(err.conflict?.params).not.toHaveProperty('odd');
  });

  it('reports an unreachable server as network_error', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ code: 'network_error', status: 0 });
  });

  it('sends JSON bodies and returns parsed JSON', async () => {
    const seen: { body?: unknown; type?: string | null } = {};
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      seen.body = JSON.parse(String(init.body));
      seen.type = new Headers(init.headers).get('content-type');
      return new Response(JSON.stringify({ ok: 1 }), { headers: { 'content-type': 'application/json' } });
    });
    expect(await apiRequest('/api/x', { method: 'POST', json: { a: '中' } })).toEqual({ ok: 1 });
    expect(seen).toEqual({ body: { a: '中' }, type: 'application/json' });
  });

  it('copes with a non-JSON error page', async () => {
    vi.stubGlobal('fetch', async () => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }));
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ code: 'http_502', status: 502 });
  });

  it('keeps the server code and title when detail is missing, and ignores malformed field errors', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ title: 'Not Found', status: 404, code: 'not_found', errors: 'nope' }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json', 'x-request-id': 'hdr-1' },
      }),
    );
    await expect(apiRequest('/api/items/9')).rejects.toMatchObject({ code: 'not_found', message: 'Not Found', fieldErrors: [], requestId: 'hdr-1' });
  });

  it('accepts an empty success (204) and reports a non-JSON success as bad_response', async () => {
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await expect(apiRequest('/api/x', { method: 'POST' })).resolves.toBeUndefined();
    vi.stubGlobal('fetch', async () => new Response('<!doctype html><title>app</title>', { status: 200, headers: { 'content-type': 'text/html' } }));
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ code: 'bad_response', status: 200 });
  });

  it('turns a timeout into ApiError timeout, but lets the caller\'s own abort through', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new DOMException('signal timed out', 'TimeoutError');
    });
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ code: 'timeout', status: 0 });
    const ctrl = new AbortController();
    ctrl.abort();
    vi.stubGlobal('fetch', async () => {
      throw new DOMException('aborted', 'AbortError');
    });
    const err = await apiRequest('/api/x', { signal: ctrl.signal }).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ApiError);
    expect((err as Error).name).toBe('AbortError');
  });
});

describe('ledger API paths', () => {
  it('asks for an automatic figure’s records by key and period', async () => {
    const { fetchLedgerBasisRecords } = await import('../../../web/src/api/ledger');
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ key: 'own-media-news', kind: 'items', total: 0, truncated: false, records: [] }), { headers: { 'content-type': 'application/json' } });
    });
    await fetchLedgerBasisRecords('own-media-news', '2026-11-01', '2026-11-29');
    expect(urls).toEqual(['/api/ledger/totals/own-media-news/records?from=2026-11-01&to=2026-11-29']);
  });
});
