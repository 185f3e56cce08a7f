import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { defineComponent, h, type Component } from 'vue';
import {
  ElAlert,
  ElButton,
  ElCard,
  ElCheckbox,
  ElDatePicker,
  ElEmpty,
  ElInput,
  ElInputNumber,
  ElOption,
  ElPagination,
  ElProgress,
  ElRadioButton,
  ElRadioGroup,
  ElResult,
  ElSelect,
  ElSkeleton,
  ElTable,
  ElTableColumn,
  ElTag,
} from 'element-plus';
import { i18n, setLocale } from '../../../web/src/i18n';
import { useSessionStore } from '../../../web/src/stores/session';
import { actionsOf } from '../../../server/auth/permissions';
import type { Me, Role } from '../../../server/contracts/auth';

/** The signed-in person tests run as (the session store's Me): role's actions from the server's matrix. */
export function testMe(role: Role = 'admin', over: Partial<Me['user']> = {}): Me {
  return {
    user: { id: 1, username: `test-${role}`, displayName: '测试员', role, unitId: null, demo: false, disabled: false, mustChangePassword: false, lockedUntil: null, createdAt: '2026-01-01T00:00:00Z', lastLoginAt: null, ...over },
    permissions: actionsOf(role),
    csrfToken: 'csrf-test',
  };
}

/** The app resolves Element Plus on demand at build time; unit tests register what the pages use. */
const elementComponents: Record<string, Component> = Object.fromEntries(
  [ElAlert, ElButton, ElCard, ElCheckbox, ElDatePicker, ElEmpty, ElInput, ElInputNumber, ElOption, ElPagination, ElProgress, ElRadioButton, ElRadioGroup, ElResult, ElSelect, ElSkeleton, ElTable, ElTableColumn, ElTag].map(
    (c) => [c.name!, c as Component],
  ),
);

const Blank = defineComponent({ render: () => h('div') });

/** A memory-history router with the app's paths, each rendering the given page or a blank. */
export function testRouter(pages: Partial<Record<'overview' | 'search' | 'item' | 'review' | 'sources', Component>> = {}): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'overview', component: pages.overview ?? Blank },
      { path: '/search', name: 'search', component: pages.search ?? Blank },
      { path: '/items/:id', name: 'item', component: pages.item ?? Blank },
      { path: '/review', name: 'review', component: pages.review ?? Blank },
      { path: '/sources', name: 'sources', component: pages.sources ?? Blank },
    ],
  });
}

/** Global mounting options: i18n in Chinese, a fresh Pinia, a router and the Element Plus components. */
let nextName: string | null = null;
/** The display name the next mountOptions() signs in with (the actor recorded with every change). */
export function signInAs(displayName: string): void {
  nextName = displayName;
}

export function mountOptions(router: Router = testRouter(), me: Me | null = testMe('admin', nextName ? { displayName: nextName } : {})) {
  nextName = null;
  setLocale('zh-CN');
  const pinia = createPinia();
  setActivePinia(pinia);
  // Signed in (an admin unless told otherwise): pages show what the role may do.
  if (me) useSessionStore(pinia).set(me);
  return { global: { plugins: [i18n, pinia, router], components: elementComponents } };
}

/** Lets pending promises and Vue's scheduler run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}
