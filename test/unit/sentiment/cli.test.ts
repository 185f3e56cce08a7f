import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EvalSentimentUsageError, parseEvalSentimentArgs } from '../../../server/cli/eval-sentiment';
import { parseSentimentTrainArgs, SentimentUsageError } from '../../../server/cli/train-sentiment';
import { openDatabase } from '../../../server/db/open-database';
import { predictSentiment } from '../../../server/sentiment/model';
import { parseSentimentModel } from '../../../server/sentiment/serialise';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentiment-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Made-up posts: clearly positive, negative and neutral phrasings. */
function rows(prefix: string): object[] {
  const out: object[] = [];
  const subjects = ['今天', '这次活动', '大家', '我们小区', '老师'];
  subjects.forEach((s, i) => {
    out.push({ id: `${prefix}p${i}`, text: `${s}真开心，太喜欢了[哈哈]`, label: 'pos', domain: 'general' });
    out.push({ id: `${prefix}n${i}`, text: `${s}很难过，非常失望[泪]`, label: 'neg', domain: i % 2 ? 'general' : 'covid' });
    out.push({ id: `${prefix}u${i}`, text: `${s}发布通知：明天上午开会`, label: 'neutral', domain: 'covid' });
  });
  return out;
}

function writeJsonl(name: string, items: object[], extra: string[] = []): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [...items.map((r) => JSON.stringify(r)), ...extra].join('\n') + '\n');
  return file;
}

function run(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', path.join(root, 'server/cli', script), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: path.join(dir, 'data') },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sentiment CLI arguments', () => {
  it('eval:sentiment parses hyper-parameters and feature switches', () => {
    const a = parseEvalSentimentArgs(['--train', 't', '--data', 'd', '--lambda', '1e-5', '--bits', '16', '--max-n', '2', '--words']);
    expect(a).toMatchObject({ train: 't', data: 'd', out: null, lambda: 1e-5, bits: 16, maxN: 2, words: true });
    expect(parseEvalSentimentArgs(['--train', 't', '--data', 'd']).words).toBeUndefined();
    expect(() => parseEvalSentimentArgs(['--train', 't'])).toThrow(/--data is required/);
    expect(() => parseEvalSentimentArgs(['--train', 't', '--data', 'd', '--bits', '1.5'])).toThrow(EvalSentimentUsageError);
  });

  it('sentiment:train needs --data', () => {
    expect(parseSentimentTrainArgs(['--data', 'a.jsonl'])).toEqual({ data: 'a.jsonl', out: null, corrections: true });
    expect(parseSentimentTrainArgs(['--data', 'a.jsonl', '--without-corrections']).corrections).toBe(false);
    expect(() => parseSentimentTrainArgs([])).toThrow(SentimentUsageError);
  });
});

describe('sentiment CLIs end to end', () => {
  it('eval:sentiment trains, prints overall and per-domain figures and writes predictions', () => {
    const train = writeJsonl('train.jsonl', rows('a'));
    const test = writeJsonl('test.jsonl', rows('b'));
    const out = path.join(dir, 'pred.jsonl');
    const r = run('eval-sentiment.ts', ['--train', train, '--data', test, '--out', out, '--bits', '14', '--lambda', '1e-4']);
    expect(r.stderr).toContain('training on 15 examples');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/overall\s+n=\s+15\s+acc 100\.0\s+macro-F1 100\.0/);
    expect(r.stdout).toMatch(/by domain:\n\s+covid\s+n=\s+8/);
    expect(r.stdout).toMatch(/\n\s+general\s+n=\s+7/);
    const preds = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; label: string });
    expect(preds).toHaveLength(15);
    expect(preds[0]).toEqual({ id: 'bp0', label: 'pos' });
  }, 90_000);

  it('eval:sentiment names a bad row by file:line and exits 1; a usage error exits 2', () => {
    const train = writeJsonl('train-ok.jsonl', rows('a'));
    const bad = writeJsonl('test-bad.jsonl', rows('b').slice(0, 2), ['{"id":"x","text":"好","label":"happy"}']);
    const r = run('eval-sentiment.ts', ['--train', train, '--data', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}:3: label`);
    const u = run('eval-sentiment.ts', ['--train', train]);
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/--data is required\nusage: npm run eval:sentiment/);
  }, 90_000);

  it('sentiment:train writes a model that predicts, and writes nothing on a bad row', () => {
    const data = writeJsonl('all.jsonl', rows('a'));
    const model = path.join(dir, 'model.json');
    const r = run('train-sentiment.ts', ['--data', data, '--out', model]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/wrote .*model\.json \(.* MB; 15 examples: 5 pos, 5 neutral, 5 neg/);
    const m = parseSentimentModel(fs.readFileSync(model, 'utf8'));
    expect(predictSentiment(m, '同学们真开心，太喜欢了').label).toBe('pos');

    const bad = writeJsonl('bad.jsonl', rows('a'), ['not json']);
    const badOut = path.join(dir, 'never.json');
    const b = run('train-sentiment.ts', ['--data', bad, '--out', badOut]);
    expect(b.status).toBe(1);
    expect(b.stderr).toContain(`${bad}:16: not a JSON object`);
    expect(fs.existsSync(badOut)).toBe(false);
  }, 120_000);

  it("sentiment:train adds the analysts' corrections stored in the database", () => {
    const db = openDatabase(path.join(dir, 'data', 'app.db'));
    db.prepare(
      `INSERT INTO sources (id, name, kind, type, url, schedule, enabled, config_json, updated_at) VALUES ('f', 'f', 'post', 'rss', 'https://x.test/', '* * * * *', 1, '{}', '2026-01-01')`,
    ).run();
    const id = db
      .prepare(
        `INSERT INTO items (source_id, kind, url, title, body, content_hash, collected_at, sort_at, day, tagged_at)
         VALUES ('f', 'post', 'https://x.test/1', 't', '排队三小时没人管', 'h1', '2026-01-01', '2026-01-01', '2026-01-01', '2026-01-01')`,
      )
      .run().lastInsertRowid;
    db.prepare(`INSERT INTO sentiment_examples (item_id, label, text, created_at) VALUES (?, 'neg', '排队三小时没人管', '2026-01-01')`).run(id);
    db.close();
    const data = writeJsonl('base.jsonl', rows('c'));
    const r = run('train-sentiment.ts', ['--data', data, '--out', path.join(dir, 'with.json')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("and 1 analysts' corrections");
    expect(r.stdout).toMatch(/16 examples: 5 pos, 5 neutral, 6 neg/);
    const w = run('train-sentiment.ts', ['--data', data, '--out', path.join(dir, 'without.json'), '--without-corrections']);
    expect(w.stdout).toMatch(/15 examples/);
  }, 120_000);
});
