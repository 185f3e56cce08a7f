import fs from 'node:fs';
import path from 'node:path';

export interface MeiliEndpoint {
  url: string;
  apiKey: string | null;
  /** Where that Meilisearch writes dumps, when it is on this machine (the bundled one: DATA_DIR/meili/dumps). */
  dumpDir: string | null;
  /** The bundled Meilisearch of this DATA_DIR: its dump dir is ours to tidy. */
  managed: boolean;
}

async function call(ep: MeiliEndpoint, method: string, route: string): Promise<unknown> {
  const res = await fetch(`${ep.url.replace(/\/$/, '')}${route}`, {
    method,
    headers: ep.apiKey ? { authorization: `Bearer ${ep.apiKey}` } : {},
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`Meilisearch ${method} ${route}: HTTP ${res.status} ${String(body.message ?? '')}`.trim());
  return body;
}

/**
 * Asks Meilisearch for a dump (POST /dumps), waits for the task, and returns its uid and, when the
 * dump dir is local, the file it wrote.
 */
export async function createMeiliDump(ep: MeiliEndpoint, timeoutMs = 600_000): Promise<{ dumpUid: string; file: string | null }> {
  const { taskUid } = (await call(ep, 'POST', '/dumps')) as { taskUid: number };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = (await call(ep, 'GET', `/tasks/${taskUid}`)) as { status: string; details?: { dumpUid?: string }; error?: { message?: string } };
    if (task.status === 'succeeded') {
      const dumpUid = task.details?.dumpUid;
      if (!dumpUid) throw new Error(`Meilisearch dump task ${taskUid} succeeded without a dumpUid`);
      const file = ep.dumpDir ? path.join(ep.dumpDir, `${dumpUid}.dump`) : null;
      return { dumpUid, file: file && fs.existsSync(file) ? file : null };
    }
    if (task.status === 'failed' || task.status === 'canceled') {
      throw new Error(`Meilisearch dump task ${taskUid} ${task.status}: ${task.error?.message ?? 'no reason given'}`);
    }
    if (Date.now() > deadline) throw new Error(`Meilisearch dump task ${taskUid} did not finish within ${timeoutMs / 1_000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
