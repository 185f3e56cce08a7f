import { describe, expect, it } from 'vitest';
import { useAsync } from '../../../web/src/composables/useAsync';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useAsync', () => {
  it('goes idle → loading → done with the data', async () => {
    const d = deferred<number>();
    const a = useAsync(() => d.promise);
    expect(a.state.value).toBe('idle');
    const p = a.run();
    expect(a.state.value).toBe('loading');
    d.resolve(7);
    expect(await p).toBe(7);
    expect(a.state.value).toBe('done');
    expect(a.data.value).toBe(7);
  });

  it('records the error and clears it on the next run', async () => {
    let fail = true;
    const a = useAsync(async () => {
      if (fail) throw new Error('boom');
      return 'ok';
    });
    await a.run();
    expect(a.state.value).toBe('error');
    expect(a.error.value?.message).toBe('boom');
    fail = false;
    await a.run();
    expect(a.state.value).toBe('done');
    expect(a.error.value).toBeNull();
  });

  it('never lets a slow earlier answer overwrite a newer one', async () => {
    const slow = deferred<string>();
    const fast = deferred<string>();
    const a = useAsync((which: 'slow' | 'fast') => (which === 'slow' ? slow.promise : fast.promise));
    const first = a.run('slow');
    const second = a.run('fast');
    fast.resolve('new');
    await second;
    slow.resolve('old');
    expect(await first).toBeNull();
    expect(a.data.value).toBe('new');
    expect(a.state.value).toBe('done');
  });

  it('keeps the previous data during a refresh only when asked', async () => {
    const kept = useAsync(async () => 1, { keepData: true });
    await kept.run();
    void kept.run();
    expect(kept.data.value).toBe(1);
    const cleared = useAsync(async () => 1);
    await cleared.run();
    void cleared.run();
    expect(cleared.data.value).toBeNull();
  });
});
