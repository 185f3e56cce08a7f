export * from './model';
export * from './serialise';
export * from './metrics';
export { createSentimentFeaturiser, negatedBucket, NEG_WINDOW, DEG_WINDOW, NEG_WORD_WINDOW, type SentimentFeatureSpec } from './features';
export * from './rows';
