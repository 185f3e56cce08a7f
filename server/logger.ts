import pino from 'pino';

export type Logger = pino.Logger;

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

/** One readable line per record for a person at a terminal; JSON stays the format for files and collectors. */
export function formatLogLine(line: string): string {
  try {
    const { level, time, msg, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const clock = typeof time === 'string' ? new Date(time).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';
    const fields = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${clock} ${LEVELS[level as number] ?? level} ${msg ?? ''}${fields ? `  ${fields}` : ''}\n`;
  } catch {
    return line;
  }
}

export function createLogger(level: pino.LevelWithSilent, pretty = process.stdout.isTTY === true): Logger {
  const opts = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  if (!pretty) return pino(opts);
  return pino(opts, { write: (line: string) => void process.stdout.write(formatLogLine(line)) });
}
