import { PAGE_ACTIONS } from './access';

/** The pages in the menu, in order. The icons are plain glyphs: no icon font to load offline. */
export const NAV_ITEMS = [
  { key: 'overview', to: '/', icon: '▦' },
  { key: 'search', to: '/search', icon: '⌕' },
  { key: 'topics', to: '/topics', icon: '◇' },
  { key: 'trends', to: '/trends', icon: '↗' },
  { key: 'alerts', to: '/alerts', icon: '⚑' },
  { key: 'ledger', to: '/ledger', icon: '▤' },
  { key: 'reports', to: '/reports', icon: '▧' },
  { key: 'review', to: '/review', icon: '✔' },
  { key: 'library', to: '/library', icon: '☰' },
  { key: 'sightings', to: '/sightings', icon: '✎' },
  { key: 'calibration', to: '/calibration', icon: '◎' },
  { key: 'sources', to: '/sources', icon: '⇅' },
  { key: 'screen', to: '/screen', icon: '▣' },
  { key: 'admin', to: '/admin', icon: '⚙' },
] as const;

export type NavKey = (typeof NAV_ITEMS)[number]['key'];

/** Which menu entry a path belongs to (an item detail page belongs to search). */
export function activeNav(path: string): NavKey | null {
  if (path === '/' || path === '') return 'overview';
  if (path.startsWith('/items/')) return 'search';
  for (const n of NAV_ITEMS) if (n.to !== '/' && (path === n.to || path.startsWith(`${n.to}/`))) return n.key;
  return null;
}

/** The menu entries the signed-in role may open (the page's action from access.ts). */
export function visibleNav(can: (action: string) => boolean): (typeof NAV_ITEMS)[number][] {
  return NAV_ITEMS.filter((n) => {
    const action = PAGE_ACTIONS[n.key];
    return !action || can(action);
  });
}
