import { onBeforeUnmount, watch, type WatchSource } from 'vue';

/**
 * Reloads a page's data when the live stream says something changed (a `source` that moves), at most
 * once per `intervalMs`: the first change reloads after `intervalMs`, changes meanwhile ride along.
 * During an incident ingest announces new items every second and every open page listens, so reloading
 * on each announcement would multiply the server's load by the number of people watching.
 * `canReload` may hold a reload back (an editor's save in progress); it is tried again next interval.
 */
export function useLiveReload(source: WatchSource<unknown>, reload: () => void, intervalMs: number, canReload: () => boolean = () => true) {
  let pending: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    pending = null;
    if (canReload()) reload();
    else pending = setTimeout(fire, intervalMs);
  };
  watch(source, () => {
    if (!pending) pending = setTimeout(fire, intervalMs);
  });
  onBeforeUnmount(() => {
    if (pending) clearTimeout(pending);
    pending = null;
  });
}
