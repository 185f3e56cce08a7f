import { createRouter, createWebHistory, type Router } from 'vue-router';
import { ElMessage } from 'element-plus';
import { decideAccess } from './access';
import { useSessionStore } from './stores/session';
import { i18n } from './i18n';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown without the app's chrome (the big screen, the sign-in page). */
    bare?: boolean;
    /** Open without a session (the sign-in page). */
    public?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  // Back/forward returns to where the reader was; a new page starts at the top.
  scrollBehavior: (to, from, saved) => saved ?? (to.path !== from.path ? { top: 0 } : undefined),
  routes: [
    { path: '/', name: 'overview', component: () => import('./features/overview/OverviewPage.vue') },
    { path: '/search', name: 'search', component: () => import('./features/search/SearchPage.vue') },
    { path: '/items/:id(\\d+)', name: 'item', component: () => import('./features/search/ItemPage.vue') },
    { path: '/topics', name: 'topics', component: () => import('./features/topics/TopicsPage.vue') },
    { path: '/topics/compare', name: 'topic-compare', component: () => import('./features/topics/TopicComparePage.vue') },
    { path: '/topics/:id(\\d+)', name: 'topic', component: () => import('./features/topics/TopicPage.vue') },
    { path: '/trends', name: 'trends', component: () => import('./features/trends/TrendsPage.vue') },
    { path: '/alerts', name: 'alerts', component: () => import('./features/alerts/AlertsPage.vue') },
    { path: '/ledger', name: 'ledger', component: () => import('./features/ledger/LedgerPage.vue') },
    { path: '/reports', name: 'reports', component: () => import('./features/reports/ReportsPage.vue') },
    // The big screen stands alone: no menu, no header (App.vue renders routes with meta.bare by themselves).
    { path: '/screen', name: 'screen', component: () => import('./features/screen/ScreenPage.vue'), meta: { bare: true } },
    { path: '/review', name: 'review', component: () => import('./features/review/ReviewPage.vue') },
    { path: '/library', name: 'library', component: () => import('./features/library/LibraryPage.vue') },
    { path: '/library/:id(\\d+)', name: 'library-entry', component: () => import('./features/library/LibraryEntryPage.vue') },
    { path: '/sightings', name: 'sightings', component: () => import('./features/sightings/SightingsPage.vue') },
    { path: '/calibration', name: 'calibration', component: () => import('./features/calibration/CalibrationPage.vue') },
    { path: '/sources', name: 'sources', component: () => import('./features/sources/SourcesPage.vue') },
    { path: '/login', name: 'login', component: () => import('./features/account/LoginPage.vue'), meta: { bare: true, public: true } },
    { path: '/account', name: 'account', component: () => import('./features/account/AccountPage.vue') },
    { path: '/admin', name: 'admin', component: () => import('./features/admin/AdminPage.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});

/**
 * Every page but the sign-in page needs a session (loaded once from /api/auth/me); a page the role
 * may not use sends the reader to their home with a message (access.ts decides).
 */
export function installGuard(r: Router): void {
  r.beforeEach(async (to) => {
    const session = useSessionStore();
    if (!to.meta.public || to.name === 'login') await session.ensureLoaded();
    const d = decideAccess(to, { signedIn: session.signedIn, role: session.role, mustChangePassword: session.mustChangePassword, can: session.can });
    if (d.kind === 'allow') return true;
    if (d.kind === 'login') return { path: '/login', query: d.next && d.next !== '/' ? { next: d.next } : {} };
    if (d.denied) ElMessage.warning(i18n.global.t('auth.denied'));
    return d.to;
  });
}
installGuard(router);
