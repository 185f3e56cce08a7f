import { createClaimIndex } from '../nlp/claim-index';
import type { ClaimMatcher } from './claim-matching';

/** The claim index behind the services' ClaimMatcher, with the configured thresholds. */
export function createClaimMatcher(opts: { suggestAt?: number; confirmAt?: number } = {}): ClaimMatcher {
  const index = createClaimIndex(opts);
  return {
    add: (id, claim) => {
      index.add(id, claim);
    },
    remove: (id) => {
      index.remove(id);
    },
    match: (text, opts) => index.match(text, opts),
  };
}
