import { createFetcher, type Fetcher } from '../crawler/fetch/fetcher';
import type { CrawlLog } from '../crawler/log';
import type { ValidatorsRepo } from './repositories/validators-repo';

/**
 * The crawler's fetcher is built before the database is open (the runtime needs runCrawl, which
 * needs the fetcher); its ETag/Last-Modified store is bound to SQLite once the runtime exists.
 */
export function createLateBoundFetcher(log: CrawlLog): { fetcher: Fetcher; bindValidators(repo: ValidatorsRepo): void } {
  let validators: ValidatorsRepo | null = null;
  const fetcher = createFetcher({
    log,
    validatorStore: { get: (url) => validators?.get(url) ?? null, set: (url, v) => validators?.set(url, v) },
  });
  return { fetcher, bindValidators: (repo) => void (validators = repo) };
}
