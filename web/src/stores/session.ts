import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiError, setCsrfToken } from '../api/client';
import { fetchMe, postLogin, postLogout, type Me } from '../api/auth';
import { homeFor } from '../access';

export type SessionStatus = 'unknown' | 'loading' | 'signed-in' | 'signed-out' | 'error';

/**
 * Who is signed in: the user, what they may do, and the CSRF token every state-changing request
 * sends back. Loaded once from GET /api/auth/me at start; login and logout replace it.
 */
export const useSessionStore = defineStore('session', () => {
  const me = shallowRef<Me | null>(null);
  const status = ref<SessionStatus>('unknown');
  const error = shallowRef<Error | null>(null);
  let pending: Promise<void> | null = null;

  const user = computed(() => me.value?.user ?? null);
  const role = computed(() => user.value?.role ?? null);
  const displayName = computed(() => user.value?.displayName ?? '');
  const signedIn = computed(() => me.value !== null);
  const mustChangePassword = computed(() => user.value?.mustChangePassword === true);
  const permissions = computed(() => new Set(me.value?.permissions ?? []));
  const csrfToken = computed(() => me.value?.csrfToken ?? null);

  function can(action: string): boolean {
    return permissions.value.has(action);
  }
  const home = computed(() => homeFor({ role: role.value, can }));

  function set(next: Me | null) {
    me.value = next;
    setCsrfToken(next?.csrfToken ?? null);
    status.value = next ? 'signed-in' : 'signed-out';
    error.value = null;
  }

  /** Asks the server who is signed in (401 → signed out). */
  async function load(): Promise<void> {
    status.value = 'loading';
    try {
      set(await fetchMe());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) set(null);
      else {
        me.value = null;
        setCsrfToken(null);
        error.value = err as Error;
        status.value = 'error';
      }
    }
  }

  /** Loads once; later callers wait for the same answer. A failed load (server down) is retried next time. */
  function ensureLoaded(): Promise<void> {
    if (status.value === 'signed-in' || status.value === 'signed-out') return Promise.resolve();
    pending ??= load().finally(() => {
      pending = null;
    });
    return pending;
  }

  async function login(username: string, password: string): Promise<Me> {
    const m = await postLogin(username, password);
    set(m);
    return m;
  }

  /** Ends the session on the server; forgets it here even when the server cannot be reached. */
  async function logout(): Promise<void> {
    try {
      await postLogout();
    } catch {
      // signed out here anyway
    } finally {
      set(null);
    }
  }

  /** After a 401 elsewhere: the session is gone. */
  function clear() {
    set(null);
  }

  /** The password was changed: the server keeps this session; the flag goes. */
  function passwordChanged() {
    if (me.value) me.value = { ...me.value, user: { ...me.value.user, mustChangePassword: false } };
  }

  return { me, status, error, user, role, displayName, signedIn, mustChangePassword, permissions, csrfToken, home, can, load, ensureLoaded, login, logout, clear, set, passwordChanged };
});
