import type { LibraryService } from './services/library-service';

/**
 * Known rumours of the bundled demo site's district, so a first look at the dashboard shows the
 * library at work: the forum's reposts of these are recognised as known rumours and the rebuttal
 * platform's notices are linked to them. Only in demo mode, and only into an empty library.
 */
const DEMO_LIBRARY = [
  {
    claim: '喝板蓝根可以预防流感',
    category: 'health',
    unit: '区卫健委',
    rebuttalText: '板蓝根不能预防流感，接种流感疫苗才是有效的预防手段。',
  },
  {
    claim: '清河区自来水受到污染，近三天不要饮用',
    category: 'public-safety',
    unit: '区水务局',
    rebuttalText: '经检测，全区供水水质符合国家标准，可以放心饮用。',
  },
  {
    claim: '吃碘盐可以防辐射',
    category: 'health',
    unit: '区市场监管局',
    rebuttalText: '食用碘盐不能防辐射，食盐供应充足，无需抢购。',
  },
] as const;

export function seedDemoLibrary(library: Pick<LibraryService, 'list' | 'import'>): number {
  if (library.list({ merged: 'show', page: 1, pageSize: 1 }).total > 0) return 0;
  return library.import({ format: 'json', content: JSON.stringify(DEMO_LIBRARY), actor: '演示数据', dryRun: false }).imported;
}
