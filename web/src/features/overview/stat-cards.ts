import type { Overview } from '../../../../server/contracts/api';

type CountKey = Exclude<keyof Overview, 'lastCrawlAt'>;

export interface StatCard {
  /** The Overview field and the i18n key stat.<key>. */
  key: CountKey;
  /** data-testid="stat-<testId>" for end-to-end tests. */
  testId: string;
  /** Where a click on the card leads: the list behind the number. */
  to: string;
  tone?: 'danger' | 'success' | 'warning' | 'muted-tone';
}

/** The headline numbers, in reading order, each a link to the items it counts. */
export const STAT_CARDS: readonly StatCard[] = [
  { key: 'items', testId: 'items', to: '/search' },
  { key: 'itemsToday', testId: 'itemsToday', to: '/search?sort=newest' },
  { key: 'rumorSuspect', testId: 'rumorSuspect', to: '/search?tag=rumor-suspect', tone: 'danger' },
  { key: 'rebuttals', testId: 'rebuttals', to: '/search?tag=rebuttal', tone: 'success' },
  { key: 'awaitingReview', testId: 'awaitingReview', to: '/review', tone: 'warning' },
  { key: 'confirmedRumors', testId: 'confirmedRumors', to: '/review?status=decided', tone: 'danger' },
  { key: 'sources', testId: 'sources', to: '/sources', tone: 'muted-tone' },
];
