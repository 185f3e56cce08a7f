/**
 * The slice of a structured logger the crawler needs. pino's Logger satisfies it, so the server
 * passes its own; the standalone crawler and tests pass something smaller.
 */
export interface CrawlLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLog: CrawlLog = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
