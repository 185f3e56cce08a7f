import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import type { SourceConfig } from './contracts/source';
import { loadSourcesFile } from '../crawler/config';
import { demoSources, startDemoSite } from '../crawler/demo/demo-site';

export interface SourcesSetup {
  sources: SourceConfig[];
  /** The bundled demo site, when no sources file is configured. */
  demo: { url: string; close(): Promise<void> } | null;
}

/**
 * The demo site keeps its port across restarts (remembered in the data dir), so its item URLs stay
 * the same and a restart recognises every page it has already collected. When a running server
 * already serves it there, that one is used.
 */
async function startDemoOnStablePort(dataDir: string) {
  const file = path.join(dataDir, 'demo-port');
  let port: number | undefined;
  try {
    port = Number(fs.readFileSync(file, 'utf8').trim()) || undefined;
  } catch {
    port = undefined;
  }
  if (port) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      // Another process of ours (the server, or a CLI) serves the demo there already.
      if (res.ok && (await res.text()).includes('清河')) return { url: `http://127.0.0.1:${port}`, close: async () => undefined };
    } catch {
      // nothing listening: start our own below
    }
  }
  let site;
  try {
    site = await startDemoSite({ host: '127.0.0.1', port });
  } catch {
    site = await startDemoSite({ host: '127.0.0.1' });
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, String(new URL(site.url).port));
  return site;
}

/** Sources from SOURCES_FILE, or the bundled demo site and its sources. A bad file throws a message naming file, source and field. */
export async function setUpSources(config: Config): Promise<SourcesSetup> {
  if (config.sourcesFile) return { sources: loadSourcesFile(config.sourcesFile).sources, demo: null };
  const demo = await startDemoOnStablePort(config.dataDir);
  return { sources: demoSources(demo.url), demo };
}
