import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../server/db/open-database';
import { createClustersRepo } from '../../../server/repositories/clusters-repo';
import { createItemsRepo } from '../../../server/repositories/items-repo';
import { createSourcesRepo } from '../../../server/repositories/sources-repo';
import { createClusterService, type ClusterService } from '../../../server/services/cluster-service';
import { createIngestService } from '../../../server/services/ingest-service';
import { rssSource } from '../../support/factories';

type Placement = ReturnType<ClusterService['prepareBatch']>;
const NO_CLUSTERING: Pick<ClusterService, 'prepareBatch'> = {
  prepareBatch: (): Placement => ({ place: () => undefined, commit: () => undefined }),
};

/** Ingests the posts in batches of 100 into a fresh SQLite file; returns the time taken. */
function timeIngest(dir: string, raw: unknown[], clustering: boolean) {
  const db = openDatabase(path.join(dir, `${clustering ? 'with' : 'without'}.db`));
  const sources = createSourcesRepo(db);
  sources.syncSources([rssSource('bench')], new Date().toISOString());
  const ingest = createIngestService({
    items: createItemsRepo(db),
    sources,
    clusters: clustering ? createClusterService({ clusters: createClustersRepo(db) }) : NO_CLUSTERING,
    tagger: { tag: () => ({ tags: [], score: 0, reasons: [] }) },
  });
  const t0 = performance.now();
  for (let i = 0; i < raw.length; i += 100) ingest.ingest(raw.slice(i, i + 100));
  return { db, ms: performance.now() - t0 };
}

/**
 * The server's own path, on temporary SQLite files: ingest (validation, insert in batches of 100)
 * with and without clustering, and the start-up rebuild, once from stored signatures and once from
 * bodies (signatures marked stale, as after a change of parameters).
 */
export function measureStartup(texts: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'near-duplicate-bench-'));
  try {
    const now = new Date().toISOString();
    const raw = texts.map((body, i) => ({
      sourceId: 'bench',
      url: `https://example.test/post/${i}`,
      title: '',
      body,
      publishedAt: null,
      author: null,
      contentHash: crypto.createHash('sha256').update(body).digest('hex'),
      fetchedAt: now,
    }));
    const without = timeIngest(dir, raw, false);
    without.db.close();
    const { db, ms: ingestMs } = timeIngest(dir, raw, true);
    const stats = db.prepare('SELECT count(*) AS clusters, max(items + exact_reposts) AS largest FROM clusters').get() as {
      clusters: number;
      largest: number;
    };

    let t0 = performance.now();
    const fromSignatures = createClusterService({ clusters: createClustersRepo(db) }).rebuild();
    const fromSignaturesMs = performance.now() - t0;
    db.exec("UPDATE item_signatures SET scheme = 'stale'");
    t0 = performance.now();
    const fromBodies = createClusterService({ clusters: createClustersRepo(db) }).rebuild();
    const fromBodiesMs = performance.now() - t0;
    db.close();
    return { items: texts.length, ingestMs, plainIngestMs: without.ms, ...stats, fromSignatures, fromSignaturesMs, fromBodies, fromBodiesMs };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
