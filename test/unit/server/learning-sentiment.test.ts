import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLearningSentiment, SENTIMENT_MODEL_FILE } from '../../../server/learning-sentiment';
import { trainSentiment } from '../../../server/sentiment/model';
import { serialiseSentimentModel } from '../../../server/sentiment/serialise';

const train = [
  ...['服务很好非常满意', '太棒了点赞', '干净整洁很喜欢', '工作人员热情周到', '效率高值得表扬'].map((text) => ({ text, label: 'pos' as const })),
  ...['态度恶劣很生气', '太差了再也不来', '排队两小时非常失望', '脏乱差投诉无门', '推诿扯皮让人心寒'].map((text) => ({ text, label: 'neg' as const })),
  ...['明天上午九点开会', '通知如下请知悉', '本周三停水检修', '办理时间为工作日', '地址在人民路十号'].map((text) => ({ text, label: 'neutral' as const })),
];
const log = pino({ level: 'silent' });
const item = { title: '停水检修', body: '停水检修又拖了三天' };

describe('the server’s learning sentiment', () => {
  it('uses the word list until a model file exists, then picks the file up while running', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-'));
    const changes: string[] = [];
    const s = createLearningSentiment({ dataDir: dir, log, itemText: () => item, onModelChanged: (r) => changes.push(r) });
    expect(s.scorer.score({ title: '好评', body: '非常满意' }).source).toBe('lexicon');
    fs.writeFileSync(path.join(dir, SENTIMENT_MODEL_FILE), serialiseSentimentModel(trainSentiment(train, { maxIter: 100 })));
    expect(s.checkForNewModel()).toBe(true);
    expect(s.scorer.score({ title: '好评', body: '非常满意' }).source).toBe('model');
    expect(changes).toEqual(['new sentiment model imported']);
    expect(s.checkForNewModel()).toBe(false);
  });

  it('learns a correction at once, and saves it and asks for re-scoring once the burst settles', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-'));
    fs.writeFileSync(path.join(dir, SENTIMENT_MODEL_FILE), serialiseSentimentModel(trainSentiment(train, { maxIter: 100 })));
    const changes: string[] = [];
    const s = createLearningSentiment({ dataDir: dir, log, itemText: () => item, onModelChanged: (r) => changes.push(r), settleMs: 20 });
    expect(s.scorer.score(item).label).toBe('neutral');
    s.learn({ itemId: 1, label: 'neg' });
    expect(s.scorer.score(item).label).toBe('neg');
    await new Promise((r) => setTimeout(r, 60));
    expect(changes).toEqual(['1 sentiment correction(s) learned']);
    const reloaded = createLearningSentiment({ dataDir: dir, log, itemText: () => item, onModelChanged: () => undefined });
    expect(reloaded.scorer.score(item).label).toBe('neg');
  });

  it('keeps scoring with the word list when the model file is corrupt', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-'));
    fs.writeFileSync(path.join(dir, SENTIMENT_MODEL_FILE), '{"version": 2, "broken": true');
    const s = createLearningSentiment({ dataDir: dir, log, itemText: () => item, onModelChanged: () => undefined });
    expect(s.hasModel()).toBe(false);
    expect(s.scorer.score({ title: '', body: '非常满意' }).source).toBe('lexicon');
  });
});
