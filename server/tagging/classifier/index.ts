/**
 * The statistical rumour classifier, pure (no I/O): train from labelled texts, predict, explain,
 * learn from new verdicts, serialise. See model.ts for the model, train-tagger-model.ts for how the
 * product trains it, online.ts for updates from verdicts.
 */
export { applyBlend, DEFAULT_BLEND, fitBlend, type Blend } from './blend';
export { analyseNormalised, explain, type Analysis } from './explain';
export {
  DEFAULT_FEATURES,
  DEFAULT_HYPER,
  predict,
  predictNormalised,
  trainClassifier,
  type ClassifierModel,
  type Hyper,
  type Label,
  type LabelledText,
  type TrainOptions,
} from './model';
export { updateClassifier, type UpdateOptions } from './online';
export { MODEL_FORMAT, ModelFormatError, parseModel, serialiseModel } from './serialise';
export { trainTaggerModel, type TaggerTrainOptions } from './train-tagger-model';
