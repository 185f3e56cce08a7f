import { createRouter, createWebHistory } from 'vue-router';

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
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});
