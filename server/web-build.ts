import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/** True when the built dashboard is missing or older than any source file under web/ or the shared contracts. */
export function webBuildIsStale(projectRoot: string): boolean {
  const index = path.join(projectRoot, 'dist/web/index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = Math.max(newestMtime(path.join(projectRoot, 'web')), newestMtime(path.join(projectRoot, 'server/contracts')));
  return sources > built;
}

/** Builds the dashboard with Vite (dynamically imported: a production start with a fresh build never loads it). */
export async function buildWeb(projectRoot: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(projectRoot, 'web/vite.config.ts'), logLevel: 'warn' });
}
