import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEvalArgs } from '../../../server/cli/eval-tagger';
import { idFraction, partById, partOf } from '../../../server/cli/split-jsonl';
import { parseTrainArgs, readLabelled, UsageError } from '../../../server/cli/train-tagger';
import { EvalRow, LabelledRow, parseJsonl } from '../../../server/tagging/classifier/examples';
import { predict } from '../../../server/tagging/classifier/model';
import { parseModel } from '../../../server/tagging/classifier/serialise';
import { syntheticExamples } from './classifier-fixtures';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagger-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('parseJsonl', () => {
  it('keeps valid rows and names every bad one by file:line', () => {
    const content = [
      '{"text":"据说要封城","label":"rumor","extra":1}',
      '',
      '{"text":"开会","label":"maybe"}',
      'not json',
      '{"label":"non-rumor"}',
      '{"text":"开会","label":"non-rumor"}',
    ].join('\n');
    const { rows, errors } = parseJsonl(content, 'x.jsonl', LabelledRow);
    expect(rows).toEqual([
      { text: '据说要封城', label: 'rumor' },
      { text: '开会', label: 'non-rumor' },
    ]);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^x\.jsonl:3: label: /);
    expect(errors[1]).toBe('x.jsonl:4: not a JSON object');
    expect(errors[2]).toMatch(/^x\.jsonl:5: text: /);
  });

  it('reads ids as strings for evaluation', () => {
    const { rows } = parseJsonl('{"id":7,"text":"a","label":"rumor","source":"s"}', 'f', EvalRow);
    expect(rows[0]?.id).toBe('7');
  });

  it('stops the run on any invalid row', () => {
    const file = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(file, '{"text":"a","label":"rumor"}\n{"text":"b","label":"fake"}\n');
    expect(() => readLabelled(file, LabelledRow)).toThrow(/1 invalid row.*\n.*bad\.jsonl:2: label/);
  });
});

describe('CLI arguments', () => {
  it('tagger:train needs --data and numeric hyper-parameters', () => {
    expect(parseTrainArgs(['--data', 'a.jsonl'])).toEqual({ data: 'a.jsonl', out: null, hyper: {} });
    expect(parseTrainArgs(['--data', 'a', '--out', 'm.json', '--lambda', '3e-5', '--bits', '16', '--folds', '3']).hyper).toEqual({
      lambda: 3e-5,
      bits: 16,
      folds: 3,
    });
    expect(() => parseTrainArgs([])).toThrow(UsageError);
    expect(() => parseTrainArgs(['--data', 'a', '--bits', '1.5'])).toThrow(/--bits must be an integer/);
    expect(() => parseTrainArgs(['--data', 'a', '--lambda', 'lots'])).toThrow(/--lambda must be a number/);
    expect(() => parseTrainArgs(['--data', 'a', '--nope'])).toThrow(UsageError);
  });

  it('eval:tagger takes --train or --model, a threshold in (0, 1] and a count of errors', () => {
    const args = parseEvalArgs(['--train', 't.jsonl', '--data', 'd.jsonl', '--out', 'o.jsonl', '--threshold', '0.4']);
    expect(args).toMatchObject({ train: 't.jsonl', data: 'd.jsonl', out: 'o.jsonl', threshold: 0.4, model: null });
    expect(parseEvalArgs(['--data', 'd']).threshold).toBe(0.5);
    expect(() => parseEvalArgs(['--train', 't'])).toThrow(/--data is required/);
    expect(() => parseEvalArgs(['--data', 'd', '--train', 't', '--model', 'm'])).toThrow(/not both/);
    expect(() => parseEvalArgs(['--data', 'd', '--threshold', '0'])).toThrow(/threshold/);
    expect(() => parseEvalArgs(['--data', 'd', '--threshold', 'high'])).toThrow(/threshold/);
    expect(() => parseEvalArgs(['--data', 'd', '--show-errors', '-1'])).toThrow(/show-errors/);
  });
});

describe('split-jsonl recipe', () => {
  it('holds out the later part of each source and carves dev from the training side', () => {
    const ced = 'thunlp/Chinese_Rumor_Dataset:CED';
    expect(partOf({ source: ced, date: '2013-02-01' })).toBe('test');
    expect(partOf({ source: ced, date: '2012-09-01' })).toBe('dev');
    expect(partOf({ source: ced, date: '2011-09-01' })).toBe('dev-train');
    expect(partOf({ source: 'cyang03/CHECKED', date: '2020-03-01' })).toBe('test');
    expect(partOf({ source: 'cyang03/CHECKED', date: '2020-02-10' })).toBe('dev');
    expect(partOf({ source: 'kennqiang/MDFEND-Weibo21', orig_split: 'val', id: 'x' })).toBe('test');
    expect(partOf({ source: 'other', date: null })).toBe('dev-train');
  });

  it('puts about a fifth of Weibo21 training rows in dev, the same ones every time', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `w21-${i}`);
    const dev = ids.filter((id) => partOf({ source: 'kennqiang/MDFEND-Weibo21', orig_split: 'train', id }) === 'dev');
    expect(dev.length / ids.length).toBeGreaterThan(0.17);
    expect(dev.length / ids.length).toBeLessThan(0.23);
    expect(idFraction('w21-1')).toBe(idFraction('w21-1'));
  });

  it('splits undated data by id alone (--by-id): a fifth test, a fifth dev, the rest dev-train', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `post-${i}`);
    const share = (part: string) => ids.filter((id) => partById({ id }) === part).length / ids.length;
    expect(share('test')).toBeCloseTo(0.2, 1);
    expect(share('dev')).toBeCloseTo(0.2, 1);
    expect(share('dev-train')).toBeCloseTo(0.6, 1);
    expect(ids.filter((id) => partById({ id }) === 'test')).toEqual(ids.filter((id) => idFraction(id) < 0.2));
  });
});

describe('npm run tagger:train (end to end)', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/train-tagger.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dir } });

  it('writes a model that loads and predicts, to DATA_DIR by default', () => {
    const file = path.join(dir, 'train.jsonl');
    fs.writeFileSync(file, syntheticExamples(120, 12).map((e) => JSON.stringify(e)).join('\n'));
    const res = run(['--data', file, '--bits', '14']);
    expect(res.stderr).toMatch(/training on 120 examples/);
    expect(res.status).toBe(0);
    const model = parseModel(fs.readFileSync(path.join(dir, 'tagger-model.json'), 'utf8'));
    expect(model.trained.examples).toBe(120);
    expect(predict(model, '据内部消息马上封路')).toBeGreaterThan(0.5);
  }, 60_000);

  it('reports invalid rows by file:line, writes nothing and exits 1', () => {
    const file = path.join(dir, 'invalid.jsonl');
    const out = path.join(dir, 'never.json');
    fs.writeFileSync(file, '{"text":"a","label":"rumor"}\n{"text":"b","label":"true"}\n');
    const res = run(['--data', file, '--out', out]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`${file}:2: label`);
    expect(fs.existsSync(out)).toBe(false);
  }, 60_000);
});
