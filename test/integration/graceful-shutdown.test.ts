import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { rssSource } from '../support/factories';
import { startTestMeili, tempDir } from '../support/meili';
import { startTestRuntime } from '../support/runtime';
import { runTool } from '../support/cli-process';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

async function until<T>(what: string, fn: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `npm start` (tsx server/main.ts) on a random port with the demo sources and a data dir of its own. */
async function startApp(dataDir: string) {
  const { child, exited, output } = runTool('server/main.ts', [], { PORT: '0', DATA_DIR: dataDir, WEB_BUILD: 'never', LOG_LEVEL: 'info' }, children);
  const url = await until('the dashboard URL', () => /dashboard: (http:\/\/[\d.:]+)\//.exec(output())?.[1], 90_000).catch((err) => {
    throw new Error(`${(err as Error).message}\n${output()}`);
  });
  return { child, url, exited, output };
}

describe('GET /api/ready', () => {
  it('is ready once started, and answers 503 shutting_down from the moment shutdown begins', async () => {
    const meili = await startTestMeili();
    const { runtime, rawApp } = await startTestRuntime({ meili, sources: [rssSource('forum')] });
    try {
      // Public, like /api/health: a load balancer probes it without signing in.
      const ok = await rawApp.request('/api/ready');
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ ready: true });
      runtime.beginDrain();
      const draining = await rawApp.request('/api/ready');
      expect(draining.status).toBe(503);
      expect(draining.headers.get('content-type')).toContain('application/problem+json');
      expect(await draining.json()).toMatchObject({ status: 503, code: 'shutting_down' });
      // Liveness is another question: the process still answers /api/health.
      expect((await rawApp.request('/api/health')).status).toBe(200);
    } finally {
      await runtime.close();
      await meili.stop();
    }
  });
});

describe('graceful shutdown of npm start', () => {
  it('on SIGTERM finishes a request in flight, ends event streams cleanly, and exits 0', async () => {
    const app = await startApp(tempDir('shutdown'));
    const { hostname, port } = new URL(app.url);
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-leader', password: 'demo-leader-2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;

    // A live event stream, as the dashboard holds one open all the time.
    let events = '';
    const stream = await new Promise<{ ended: Promise<{ complete: boolean }> }>((resolve, reject) => {
      const req = http.get({ hostname, port, path: '/api/events', headers: { cookie, accept: 'text/event-stream' } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (events += chunk));
        const ended = new Promise<{ complete: boolean }>((done) => res.once('close', () => done({ complete: res.complete })));
        resolve({ ended });
      });
      req.on('error', reject);
    });
    await until('the hello event', () => (events.includes('event: hello') ? true : undefined), 10_000);

    // A request in flight: headers and half its body sent before the signal, the rest after it.
    const body = JSON.stringify({ username: 'demo-leader', password: 'demo-leader-2026' });
    let answer = '';
    const slow = http.request({ hostname, port, path: '/api/auth/login', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const response = new Promise<{ status: number; complete: boolean }>((resolve, reject) => {
      slow.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (c: string) => (answer += c));
        res.once('end', () => resolve({ status: res.statusCode!, complete: res.complete }));
        res.once('error', reject);
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, 10));
    slow.flushHeaders();
    await new Promise((r) => setTimeout(r, 300));

    const signalledAt = Date.now();
    app.child.kill('SIGTERM');
    await until('shutdown to begin', () => (app.output().includes('shutting down') ? true : undefined), 10_000);
    // New connections are refused at once …
    await expect(fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
    // … the event stream was ended properly (the final chunk sent, not the socket cut) …
    expect(await stream.ended).toEqual({ complete: true });
    // … and the request in flight is still answered in full.
    await new Promise((r) => setTimeout(r, 500));
    slow.end(body.slice(10));
    expect(await response).toEqual({ status: 200, complete: true });
    expect(JSON.parse(answer)).toMatchObject({ user: { username: 'demo-leader' } });

    expect(await app.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(25_000);
    expect(app.output()).toContain('"msg":"stopped"');
    expect(app.output()).not.toContain('closed requests that did not finish in time');
  }, 150_000);
});
