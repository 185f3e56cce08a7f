import { describe, expect, it } from 'vitest';
import { mergeSources } from '../../../crawler/remote-sources';
import type { SourceConfig } from '../../../server/contracts/source';
import { rssSource } from '../../support/factories';

const ids = (list: SourceConfig[]) => list.map((s) => s.id);

describe('the remote crawler’s sources', () => {
  const file = [rssSource('a'), rssSource('b')];

  it('adds the dashboard sources to the file’s, the file winning an id clash', () => {
    const dashA = { ...rssSource('a'), name: 'dashboard copy' };
    const merged = mergeSources(file, { sources: [dashA, rssSource('c')], paused: [] });
    expect(ids(merged)).toEqual(['a', 'b', 'c']);
    expect(merged[0]!.name).toBe(file[0]!.name);
  });

  it('leaves out what is paused on the dashboard, from either list, and dashboard sources switched off', () => {
    const off = { ...rssSource('d'), enabled: false };
    expect(ids(mergeSources(file, { sources: [rssSource('c'), off], paused: ['b', 'c'] }))).toEqual(['a']);
  });

  it('keeps the file’s sources when the server cannot be asked', () => {
    expect(ids(mergeSources(file, null))).toEqual(['a', 'b']);
  });
});
