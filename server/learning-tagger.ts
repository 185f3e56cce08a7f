import type { Db } from './db/open-database';
import type { Logger } from './logger';
import { normaliseText } from './nlp/normalise';
import { createExamplesRepo } from './repositories/examples-repo';
import { createItemsRepo } from './repositories/items-repo';
import { createFileModelStore } from './repositories/model-store';
import { createModelService } from './services/model-service';
import { updateClassifier } from './tagging/classifier/online';
import { trainTaggerModel } from './tagging/classifier/train-tagger-model';
import { createTagger, taggedText } from './tagging/tagger';

/**
 * The server's tagger: the lexicon plus the model under DATA_DIR when there is one, learning from
 * every verdict. (Tests pass a fixed tagger instead.)
 */
export function createLearningTagger(db: Db, dataDir: string, log: Logger, onModelChanged: (reason: string) => void) {
  const items = createItemsRepo(db);
  return createModelService({
    store: createFileModelStore(dataDir),
    createTagger: (model) => createTagger(model ? { classifier: model } : {}),
    update: (model, examples) => updateClassifier(model, examples),
    train: (examples) => trainTaggerModel(examples),
    examples: createExamplesRepo(db),
    itemText: (id) => items.getItem(id),
    taggedText,
    onModelChanged,
    log,
  });
}

