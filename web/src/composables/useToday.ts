import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue';
import { shanghaiToday } from '../format';

/** How often the day is looked at again while the page stays open (it also is on focus and when the tab shows again). */
export const TODAY_CHECK_MS = 60_000;

/**
 * Today in Asia/Shanghai (YYYY-MM-DD), kept current: a page left open overnight moves to the new
 * day within a minute, or as soon as the window gets focus again. Stops with the calling component.
 */
export function useToday(now: () => Date = () => new Date()): Readonly<Ref<string>> {
  const today = ref(shanghaiToday(now()));
  const check = () => {
    const d = shanghaiToday(now());
    if (d !== today.value) today.value = d;
  };
  const onVisible = () => {
    if (typeof document === 'undefined' || document.visibilityState !== 'hidden') check();
  };
  const timer = setInterval(check, TODAY_CHECK_MS);
  if (typeof window !== 'undefined') {
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', onVisible);
  }
  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearInterval(timer);
      if (typeof window !== 'undefined') {
        window.removeEventListener('focus', check);
        document.removeEventListener('visibilitychange', onVisible);
      }
    });
  }
  return readonly(today);
}
