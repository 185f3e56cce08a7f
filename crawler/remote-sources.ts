import { RemoteSources, type SourceConfig } from '../server/contracts/source';

/**
 * The remote crawler's sources: its own file, plus what admins added on the dashboard (fetched from
 * the server's ingest API with the crawler's token), minus what they paused there. Refreshed while
 * it runs, so a source added or paused on the dashboard is followed without a restart.
 */

/**
 * The sources to schedule. The file wins an id clash (as on the server); paused sources stay out
 * (whether from the file or the dashboard); a dashboard source switched off stays out.
 */
export function mergeSources(fileSources: readonly SourceConfig[], remote: RemoteSources | null): SourceConfig[] {
  if (!remote) return [...fileSources];
  const paused = new Set(remote.paused);
  const fromFile = new Set(fileSources.map((s) => s.id));
  return [
    ...fileSources.filter((s) => !paused.has(s.id)),
    ...remote.sources.filter((s) => !fromFile.has(s.id) && s.enabled && !paused.has(s.id)),
  ];
}

/** GET /api/ingest/sources; the answer is validated like any other input. */
export async function fetchRemoteSources(apiUrl: string, token: string, timeoutMs = 15_000): Promise<RemoteSources> {
  const res = await fetch(`${apiUrl.replace(/\/+$/, '')}/api/ingest/sources`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`GET /api/ingest/sources answered ${res.status}`);
  const parsed = RemoteSources.safeParse(await res.json());
  if (!parsed.success) throw new Error(`GET /api/ingest/sources: unexpected answer (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}
