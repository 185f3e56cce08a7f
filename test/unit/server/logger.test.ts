import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../../server/logger';

describe('terminal log lines', () => {
  it('shows Beijing time, level, message and fields on one line', () => {
    const line = formatLogLine('{"level":30,"time":"2026-11-28T01:02:03.000Z","msg":"crawl finished","sourceId":"gov","new":3}\n');
    expect(line).toBe('09:02:03 INFO  crawl finished  sourceId=gov new=3\n');
  });

  it('passes through anything that is not a JSON record', () => {
    expect(formatLogLine('plain text\n')).toBe('plain text\n');
  });
});
