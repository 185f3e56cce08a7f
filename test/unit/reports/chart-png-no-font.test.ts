import { describe, expect, it, vi } from 'vitest';

// A machine without fontconfig and without the known font files: the lookup must say so plainly.
vi.mock('node:child_process', () => ({
  execFileSync: () => {
    throw new Error('spawn fc-list ENOENT');
  },
}));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, default: { ...fs, existsSync: () => false } };
});

const { findCjkFont, renderChartPng } = await import('../../../server/reports/chart-png');

describe('renderChartPng without a CJK font', () => {
  it('reports no font instead of guessing', () => {
    expect(findCjkFont()).toBeNull();
  });

  it('refuses to render tofu and names the fix', () => {
    expect(() => renderChartPng({ title: { text: '舆情' } }, { width: 100, height: 100 })).toThrow(/apt-get install .*fonts-wqy-microhei/);
  });
});
