/**
 * Near-duplicate detection for reposts: MinHash over character shingles with an LSH index.
 * The one import for callers; the pieces live in near-duplicate-*.ts.
 */
export {
  NEAR_DUPLICATE_DEFAULTS,
  createSigner,
  decodeSignature,
  encodeSignature,
  estimateSimilarity,
  resolveNearDuplicateParams,
  signature,
  signatureScheme,
  type NearDuplicateMatch,
  type NearDuplicateParams,
  type Signature,
} from './near-duplicate-minhash';
export { createNearDuplicateIndex, type NearDuplicateIndex, type NearDuplicateIndexOptions } from './near-duplicate-index';
export { dedupCanonical } from './near-duplicate-shingles';
