import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileModelStore, MODEL_FILE } from '../../../server/repositories/model-store';
import { predict, trainClassifier } from '../../../server/tagging/classifier/model';

describe('the model file under DATA_DIR', () => {
  it('round-trips a model, versions it by mtime, and refuses a corrupt file clearly', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-store-'));
    const store = createFileModelStore(dir);
    expect(store.load()).toBeNull();
    expect(store.version()).toBeNull();
    const model = trainClassifier(
      [
        { text: '网传明天封城速转', label: 'rumor' },
        { text: '紧急扩散据内部消息', label: 'rumor' },
        { text: '区政府召开常务会议', label: 'non-rumor' },
        { text: '道路施工通知公告', label: 'non-rumor' },
      ],
      { bits: 12 },
    );
    const v = store.save(model);
    expect(store.version()).toBe(v);
    const back = store.load()!;
    expect(predict(back.model, '网传封城')).toBeCloseTo(predict(model, '网传封城'), 6);
    expect(fs.readdirSync(dir)).toEqual([MODEL_FILE]);
    fs.writeFileSync(path.join(dir, MODEL_FILE), '{"format":"nonsense"}');
    expect(() => store.load()).toThrow(/invalid tagger model/);
  });
});
