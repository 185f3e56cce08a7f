import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSourcesFile } from '../../../crawler/config';

describe('crawler/sources.example.yaml', () => {
  it('is a valid sources file covering every source type', () => {
    const file = loadSourcesFile(path.resolve(__dirname, '../../../crawler/sources.example.yaml'));
    expect(new Set(file.sources.map((s) => s.type))).toEqual(new Set(['html-list', 'rss', 'json']));
  });
});
