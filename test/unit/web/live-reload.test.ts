import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { useLiveReload } from '../../../web/src/composables/useLiveReload';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function host(canReload: () => boolean = () => true) {
  const revision = ref(0);
  const reload = vi.fn();
  const wrapper = mount(
    defineComponent({
      setup() {
        useLiveReload(() => revision.value, reload, 1_000, canReload);
        return () => h('div');
      },
    }),
  );
  return { revision, reload, wrapper };
}

describe('reloading on live events', () => {
  it('reloads once per interval however many events arrive, and again for later ones', async () => {
    const { revision, reload } = host();
    for (let i = 0; i < 10; i++) {
      revision.value++;
      await nextTick();
      vi.advanceTimersByTime(90);
    }
    // Ten events in 0.9 s: one reload, a second after the first event.
    expect(reload).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(200);
    expect(reload).toHaveBeenCalledTimes(1);
    revision.value++;
    await nextTick();
    vi.advanceTimersByTime(1_000);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('holds a reload back while the page says not now, and does it when it may', async () => {
    let busy = true;
    const { revision, reload } = host(() => !busy);
    revision.value++;
    await nextTick();
    vi.advanceTimersByTime(2_500);
    expect(reload).not.toHaveBeenCalled();
    busy = false;
    vi.advanceTimersByTime(1_000);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('stops with the page', async () => {
    const { revision, reload, wrapper } = host();
    revision.value++;
    await nextTick();
    wrapper.unmount();
    vi.advanceTimersByTime(5_000);
    expect(reload).not.toHaveBeenCalled();
  });
});
