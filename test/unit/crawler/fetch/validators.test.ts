import { describe, expect, it } from 'vitest';
import { conditionalHeaders, createValidatorCache, validatorsOf, type ValidatorStore, type Validators } from '../../../../crawler/fetch/validators';

const V = (etag: string): Validators => ({ etag, lastModified: null });

describe('validators', () => {
  it('reads ETag and Last-Modified from a response and turns them into conditional headers', () => {
    const v = validatorsOf(new Headers({ etag: 'W/"abc"', 'last-modified': 'Sun, 04 Jun 2023 10:00:00 GMT' }));
    expect(v).toEqual({ etag: 'W/"abc"', lastModified: 'Sun, 04 Jun 2023 10:00:00 GMT' });
    expect(conditionalHeaders(v)).toEqual({ 'if-none-match': 'W/"abc"', 'if-modified-since': 'Sun, 04 Jun 2023 10:00:00 GMT' });
    expect(validatorsOf(new Headers())).toBeNull();
    expect(conditionalHeaders(null)).toEqual({});
  });

  it('keeps the most recently used entries only', async () => {
    const cache = createValidatorCache({ maxEntries: 2 });
    await cache.set('a', V('1'));
    await cache.set('b', V('2'));
    await cache.get('a'); // a is now the most recent
    await cache.set('c', V('3'));
    expect(await cache.get('a')).toEqual(V('1'));
    expect(await cache.get('b')).toBeNull();
    expect(cache.size).toBe(2);
  });

  it('writes through to a durable store and reads it on a miss', async () => {
    const stored = new Map<string, Validators>([['old', V('from-disk')]]);
    const store: ValidatorStore = { get: async (url) => stored.get(url), set: (url, v) => void stored.set(url, v) };
    const cache = createValidatorCache({ store });
    expect(await cache.get('old')).toEqual(V('from-disk'));
    await cache.set('new', V('x'));
    expect(stored.get('new')).toEqual(V('x'));
  });

  it('survives a failing store: the crawl only loses a conditional request', async () => {
    const errors: unknown[] = [];
    const store: ValidatorStore = { get: () => Promise.reject(new Error('disk')), set: () => Promise.reject(new Error('disk')) };
    const cache = createValidatorCache({ store, onStoreError: (e) => errors.push(e) });
    await expect(cache.set('a', V('1'))).resolves.toBeUndefined();
    expect(await cache.get('a')).toEqual(V('1'));
    expect(await cache.get('b')).toBeNull();
    expect(errors).toHaveLength(2);
  });
});
