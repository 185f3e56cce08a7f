import fs from 'node:fs';

/**
 * A source for a fixture site's list page: `ul.list a` links to detail pages with an h1 title, a
 * `.meta` time and a `.content` body (the shape the tests' fixture pages use).
 */
export function fixtureListSource(id: string, name: string, url: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name,
    kind: 'notice',
    type: 'html-list',
    url,
    allowPrivateNetwork: true,
    delayMs: 0,
    list: { link: 'ul.list a', maxPages: 1 },
    detail: { title: 'h1', time: '.meta', body: '.content' },
    ...extra,
  };
}

/** Writes a SOURCES_FILE (JSON, which the YAML loader reads as well). */
export function writeSourcesFile(file: string, sources: object[]): void {
  fs.writeFileSync(file, JSON.stringify({ sources }, null, 2));
}
