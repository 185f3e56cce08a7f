import { createRouter, createWebHistory } from 'vue-router';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'overview', component: () => import('./features/overview/OverviewPage.vue') },
    { path: '/search', name: 'search', component: () => import('./features/search/SearchPage.vue') },
    { path: '/items/:id(\\d+)', name: 'item', component: () => import('./features/search/ItemPage.vue') },
    { path: '/review', name: 'review', component: () => import('./features/review/ReviewPage.vue') },
    { path: '/sources', name: 'sources', component: () => import('./features/sources/SourcesPage.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});
