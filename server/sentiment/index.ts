export * from './model';
export * from './serialise';
export * from './metrics';
export { createSentimentFeaturiser, negatedBucket, NEG_WINDOW, DEG_WINDOW } from './features';
export * from './rows';
