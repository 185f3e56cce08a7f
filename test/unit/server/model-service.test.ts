import { describe, expect, it, vi } from 'vitest';
import type { ClassifierModel, LabelledText } from '../../../server/tagging/classifier/model';
import { createModelService, type ModelDeps, type ModelStore } from '../../../server/services/model-service';

// Models here are opaque tokens: the classifier has its own tests; this is about when it learns.
const token = (name: string) => ({ name }) as unknown as ClassifierModel;
const nameOf = (m: ClassifierModel | null) => (m ? (m as unknown as { name: string }).name : 'lexicon');

function memoryStore(initial: ClassifierModel | null = null): ModelStore & { saved: ClassifierModel[] } {
  let stored = initial;
  let v = initial ? 1 : null;
  const saved: ClassifierModel[] = [];
  return {
    saved,
    load: () => (stored ? { model: stored, version: v! } : null),
    save(m) {
      stored = m;
      saved.push(m);
      v = (v ?? 0) + 1;
      return v;
    },
    version: () => v,
    // test hook: another process writes a model
    ...{ replace: (m: ClassifierModel) => ((stored = m), (v = (v ?? 0) + 100)) },
  } as ModelStore & { saved: ClassifierModel[] };
}

function deps(store: ModelStore, over: Partial<ModelDeps> = {}) {
  const examples: (LabelledText & { itemId: number })[] = [];
  const changed: string[] = [];
  const d: ModelDeps = {
    store,
    createTagger: (m) => ({ tag: () => ({ tags: [], score: 0, reasons: [{ code: nameOf(m), label: '', weight: 0, matches: [] }] }) }),
    update: (m, ex) => token(`${nameOf(m)}+${ex.length}`),
    train: (ex) => token(`trained-${ex.length}`),
    examples: {
      add: (rows) => {
        for (const r of rows) {
          const i = examples.findIndex((e) => e.itemId === r.itemId);
          if (i >= 0) examples.splice(i, 1);
          examples.push(r);
        }
      },
      all: () => examples,
      counts: () => ({ rumor: examples.filter((e) => e.label === 'rumor').length, nonRumor: examples.filter((e) => e.label === 'non-rumor').length }),
    },
    itemText: (id) => (id > 0 ? { title: `t${id}`, body: 'b', kind: 'post' } : null),
    taggedText: (t, b) => `${t}\n${b}`,
    onModelChanged: (r) => changed.push(r),
    settleMs: 60_000,
    minPerClass: 2,
    ...over,
  };
  return { d, changed, examples };
}

const whichModel = (svc: ReturnType<typeof createModelService>) => svc.tagger.tag({ title: '', body: '', kind: 'post' }).reasons[0]!.code;

describe('the learning tagger', () => {
  it('tags with the lexicon until there are enough verdicts of both kinds, then trains a first model', () => {
    const store = memoryStore();
    const { d, changed } = deps(store);
    const svc = createModelService(d);
    expect(whichModel(svc)).toBe('lexicon');
    svc.learn([{ itemId: 1, label: 'rumor' }, { itemId: 2, label: 'rumor' }, { itemId: 3, label: 'non-rumor' }]);
    expect(whichModel(svc)).toBe('lexicon');
    svc.learn([{ itemId: 4, label: 'non-rumor' }]);
    expect(whichModel(svc)).toBe('trained-4');
    // Saved and re-tagging requested once, after the burst settles.
    expect(store.saved).toHaveLength(0);
    svc.flush();
    expect(store.saved.map(nameOf)).toEqual(['trained-4']);
    expect(changed).toEqual(['first model trained from 4 verdicts']);
  });

  it('updates an existing model online with each verdict, using the text the tagger reads', () => {
    const store = memoryStore(token('imported'));
    const update = vi.fn((m: ClassifierModel, ex: LabelledText[]) => token(`${nameOf(m)}+${ex.length}`));
    const { d } = deps(store, { update });
    const svc = createModelService(d);
    expect(whichModel(svc)).toBe('imported');
    svc.learn([{ itemId: 7, label: 'non-rumor' }, { itemId: -1, label: 'rumor' }]);
    expect(update).toHaveBeenCalledWith(token('imported'), [{ text: 't7\nb', label: 'non-rumor' }]);
    expect(whichModel(svc)).toBe('imported+1');
  });

  it('picks up a model written by the training command while running', () => {
    const store = memoryStore(token('v1'));
    const { d, changed } = deps(store);
    const svc = createModelService(d);
    expect(svc.checkForNewModel()).toBe(false);
    (store as unknown as { replace: (m: ClassifierModel) => void }).replace(token('v2'));
    expect(svc.checkForNewModel()).toBe(true);
    expect(whichModel(svc)).toBe('v2');
    expect(changed).toEqual(['new tagger model imported']);
  });

  it('keeps tagging with the lexicon when the stored model is unreadable', () => {
    const error = vi.fn();
    const store: ModelStore = { load: () => { throw new Error('invalid tagger model: weights: wrong length'); }, save: () => 1, version: () => 1 };
    const svc = createModelService(deps(store, { log: { info: () => {}, error } }).d);
    expect(whichModel(svc)).toBe('lexicon');
    expect(error).toHaveBeenCalled();
  });
});
