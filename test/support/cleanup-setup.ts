import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs';

// Registered before the test file's own hooks, so it runs after them (hooks unwind as a stack):
// servers, Meilisearch and browsers are stopped before their directories go.
afterAll(() => removeTempDirs());
