import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadSourcesFile, parseSourcesText } from '../../../crawler/config';
import { CriticalError } from '../../../crawler/errors';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crawler-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const GOOD = `
sources:
  - id: gov-notices
    name: 区政府通知公告
    kind: notice
    type: html-list
    url: https://www.example.gov.cn/tzgg/index.htm
    list: { link: "ul.list a", next: "a.next" }
    detail: { title: h1, body: "#zoom" }
  - id: piyao
    name: 辟谣平台
    kind: news
    type: rss
    url: https://piyao.example.gov.cn/rss.xml
    schedule: "*/15 * * * *"
`;

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toBeInstanceOf(CriticalError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadSourcesFile', () => {
  it('loads YAML and applies defaults', () => {
    const { sources } = loadSourcesFile(write('ok.yaml', GOOD));
    expect(sources.map((s) => s.id)).toEqual(['gov-notices', 'piyao']);
    expect(sources[0]).toMatchObject({ schedule: '*/10 * * * *', delayMs: 1_000, retries: 2, allowPrivateNetwork: false, enabled: true, list: { maxPages: 3 } });
  });

  it('loads JSON', () => {
    const json = JSON.stringify({ sources: [{ id: 'a', name: 'A', kind: 'news', type: 'rss', url: 'https://a.example.com/feed' }] });
    expect(loadSourcesFile(write('ok.json', json)).sources[0]?.id).toBe('a');
  });

  it('loads the documented example file', () => {
    const example = fileURLToPath(new URL('../../../crawler/sources.example.yaml', import.meta.url));
    expect(loadSourcesFile(example).sources.length).toBeGreaterThanOrEqual(3);
  });

  it('names the file, the source (index and id) and the field', () => {
    const broken = GOOD.replace('list: { link: "ul.list a", next: "a.next" }', 'list: { next: "a.next" }');
    const err = errorOf(() => loadSourcesFile(write('sources.yaml', broken)));
    expect(err.message).toBe('sources.yaml: sources[0] (id "gov-notices"): list.link: Required');
  });

  it('reports every problem at once, one per line, with the index when there is no id', () => {
    const text = `
sources:
  - id: ok-one
    name: A
    kind: news
    type: rss
    url: https://a.example.com/feed
  - name: 无 id
    kind: gossip
    type: rss
    url: https://b.example.com/feed
    delayMs: fast
  - id: bad
    type: sitemap
`;
    const lines = errorOf(() => loadSourcesFile(write('multi.yaml', text))).message.split('\n');
    expect(lines).toContain('multi.yaml: sources[1]: id: Required');
    expect(lines.some((l) => l.startsWith('multi.yaml: sources[1]: kind: Invalid option'))).toBe(true);
    expect(lines.some((l) => l.startsWith('multi.yaml: sources[1]: delayMs: Invalid input: expected number'))).toBe(true);
    expect(lines.some((l) => l.startsWith('multi.yaml: sources[2] (id "bad"): type:'))).toBe(true);
  });

  it('rejects duplicate ids, bad cron expressions, non-http URLs and unknown fields', () => {
    const text = `
sources:
  - { id: a, name: A, kind: news, type: rss, url: "https://a.example.com/feed", schedule: "every minute" }
  - { id: a, name: B, kind: news, type: rss, url: "ftp://b.example.com/feed" }
  - { id: c, name: C, kind: news, type: rss, url: "https://c.example.com/feed", delayMS: 5 }
`;
    const message = errorOf(() => loadSourcesFile(write('cross.yml', text))).message;
    expect(message).toContain('cross.yml: sources[2] (id "c"): delayMS: unknown field (typo?)');
    const next = text.replace('delayMS: 5', 'delayMs: 5');
    const lines = errorOf(() => loadSourcesFile(write('cross2.yml', next))).message.split('\n');
    expect(lines.some((l) => l.startsWith('cross2.yml: sources[0] (id "a"): schedule: invalid cron expression "every minute"'))).toBe(true);
    expect(lines).toContain('cross2.yml: sources[1] (id "a"): id: duplicate id (also used by sources[0])');
    expect(lines).toContain('cross2.yml: sources[1] (id "a"): url: must be an http:// or https:// URL');
  });

  it('explains unreadable, unparsable, empty and wrongly named files', () => {
    expect(errorOf(() => loadSourcesFile(path.join(dir, 'absent.yaml'))).message).toMatch(/^absent\.yaml: cannot read .*ENOENT/);
    expect(errorOf(() => loadSourcesFile(write('bad.yaml', 'sources: [ {'))).message).toMatch(/^bad\.yaml: not valid YAML/);
    expect(errorOf(() => loadSourcesFile(write('bad.json', '{ sources: '))).message).toMatch(/^bad\.json: not valid JSON/);
    expect(errorOf(() => loadSourcesFile(write('empty.yaml', ''))).message).toBe('empty.yaml: (top level): expected an object with a "sources" list');
    expect(errorOf(() => loadSourcesFile(write('none.yaml', 'sources: []'))).message).toMatch(/^none\.yaml: sources: Too small/);
    expect(errorOf(() => loadSourcesFile(write('sources.txt', GOOD))).message).toMatch(/^sources\.txt: unsupported file type/);
  });

  it('validates text directly too', () => {
    expect(parseSourcesText(GOOD, 'inline.yaml', 'yaml').sources).toHaveLength(2);
  });
});
