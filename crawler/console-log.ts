import type { CrawlLog } from './log';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Human-readable lines for the standalone crawler's terminal. Output goes through `write` so the
 * progress display can print above its bars instead of tearing them.
 */
export function createConsoleLog(write: (line: string) => void, level: LogLevel = 'info'): CrawlLog {
  const emit = (lvl: LogLevel) => (obj: object, msg?: string) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const fields = Object.entries(obj)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    write(`${new Date().toISOString()} ${lvl.toUpperCase().padEnd(5)} ${msg ?? ''} ${fields}`.trimEnd() + '\n');
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
