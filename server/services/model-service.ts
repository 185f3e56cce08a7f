import type { ItemKind } from '../contracts/item';
import type { ClassifierModel, LabelledText } from '../tagging/classifier/model';
import type { ItemTagger } from './ingest-service';
import type { LearnedVerdict } from './review-service';

/** Where the model lives between restarts (a file under DATA_DIR; see model-store.ts). */
export interface ModelStore {
  /** The stored model and its version (mtime), or null when none was ever trained. */
  load(): { model: ClassifierModel; version: number } | null;
  save(model: ClassifierModel): number;
  /** The stored version, cheaply (to notice a model written by `npm run tagger:train`). */
  version(): number | null;
}

export interface ModelDeps {
  store: ModelStore;
  createTagger: (model: ClassifierModel | null) => ItemTagger;
  /** Online update from new verdicts (classifier/online.ts). */
  update: (model: ClassifierModel, examples: LabelledText[]) => ClassifierModel;
  /** A first model from verdicts alone, once there are enough of both kinds. */
  train: (examples: LabelledText[]) => ClassifierModel;
  /** Verdict texts kept for a first training (item id → text and label). */
  examples: {
    add(rows: { itemId: number; text: string; label: LabelledText['label'] }[]): void;
    all(): LabelledText[];
    counts(): { rumor: number; nonRumor: number };
  };
  itemText: (itemId: number) => { title: string; body: string; kind: ItemKind } | null;
  taggedText: (title: string, body: string) => string;
  /** Existing items must be re-tagged under the new model. */
  onModelChanged: (reason: string) => void;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Verdicts of each kind needed before a first model is trained from verdicts alone. */
  minPerClass?: number;
  /** Learning is written and re-tagging requested at most this often (verdicts come in bursts). */
  settleMs?: number;
}

/**
 * The tagger the system uses right now, and how it learns: a model imported with
 * `npm run tagger:train` (picked up while running), updated online by every verdict; with no model
 * yet, verdicts are collected until there are enough of both kinds to train a first one.
 */
export function createModelService(deps: ModelDeps) {
  const minPerClass = deps.minPerClass ?? 20;
  const settleMs = deps.settleMs ?? 30_000;
  const loaded = safeLoad();
  let model: ClassifierModel | null = loaded?.model ?? null;
  let version: number | null = loaded?.version ?? null;
  let current = deps.createTagger(model);
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingReason: string[] = [];

  function safeLoad() {
    try {
      return deps.store.load();
    } catch (err) {
      // A corrupt model file must not stop the server: the lexicon still tags, and the error is logged.
      deps.log?.error({ err }, 'tagger model unreadable; tagging with the lexicon only');
      return null;
    }
  }

  function swap(next: ClassifierModel, reason: string): void {
    model = next;
    current = deps.createTagger(model);
    dirty = true;
    pendingReason.push(reason);
    schedule();
  }

  function schedule(): void {
    if (timer) return;
    timer = setTimeout(flush, settleMs);
    timer.unref?.();
  }

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty || !model) return;
    dirty = false;
    try {
      version = deps.store.save(model);
    } catch (err) {
      deps.log?.error({ err }, 'could not save the tagger model');
    }
    const reason = [...new Set(pendingReason)].join('; ');
    pendingReason = [];
    deps.onModelChanged(reason);
  }

  return {
    /** Always the current tagger (the ingest and re-tagging hold this, not a snapshot). */
    tagger: { tag: (input) => current.tag(input) } satisfies ItemTagger,

    hasModel: () => model !== null,

    learn(verdicts: LearnedVerdict[]): void {
      const rows = verdicts.flatMap((v) => {
        const it = deps.itemText(v.itemId);
        return it ? [{ itemId: v.itemId, text: deps.taggedText(it.title, it.body), label: v.label }] : [];
      });
      if (rows.length === 0) return;
      deps.examples.add(rows);
      if (model) {
        swap(deps.update(model, rows.map(({ text, label }) => ({ text, label }))), `${rows.length} verdict(s) learned`);
        return;
      }
      const counts = deps.examples.counts();
      if (counts.rumor >= minPerClass && counts.nonRumor >= minPerClass) {
        swap(deps.train(deps.examples.all()), `first model trained from ${counts.rumor + counts.nonRumor} verdicts`);
        deps.log?.info({ ...counts }, 'first tagger model trained from editors’ verdicts');
      }
    },

    /** Picks up a model written by `npm run tagger:train` while the server runs. */
    checkForNewModel(): boolean {
      const v = deps.store.version();
      if (v === null || v === version) return false;
      const next = safeLoad();
      if (!next) {
        version = v;
        return false;
      }
      model = next.model;
      version = next.version;
      current = deps.createTagger(model);
      deps.log?.info({ version }, 'new tagger model loaded');
      deps.onModelChanged('new tagger model imported');
      return true;
    },

    /** Writes pending learning now (shutdown, tests). */
    flush,
  };
}

export type ModelService = ReturnType<typeof createModelService>;
