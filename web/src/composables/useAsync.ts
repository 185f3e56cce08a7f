import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';

export type AsyncState = 'idle' | 'loading' | 'done' | 'error';

export interface UseAsync<T, A extends unknown[]> {
  state: Ref<AsyncState>;
  data: ShallowRef<T | null>;
  error: ShallowRef<Error | null>;
  run: (...args: A) => Promise<T | null>;
}

/**
 * Explicit loading states for one async source. A newer run supersedes an older one, so a slow
 * earlier answer never overwrites a newer view.
 */
export function useAsync<T, A extends unknown[]>(fn: (...args: A) => Promise<T>, opts: { keepData?: boolean } = {}): UseAsync<T, A> {
  const state = ref<AsyncState>('idle');
  const data = shallowRef<T | null>(null);
  const error = shallowRef<Error | null>(null);
  let seq = 0;
  async function run(...args: A): Promise<T | null> {
    const mine = ++seq;
    state.value = 'loading';
    error.value = null;
    if (!opts.keepData) data.value = null;
    try {
      const result = await fn(...args);
      if (mine !== seq) return null;
      data.value = result;
      state.value = 'done';
      return result;
    } catch (err) {
      if (mine !== seq) return null;
      error.value = err as Error;
      state.value = 'error';
      return null;
    }
  }
  return { state, data, error, run };
}
