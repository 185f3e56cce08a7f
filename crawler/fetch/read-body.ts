import { NonRetryableError, SkippedError } from '../errors';
import { SNIFF_BYTES, sniffBinary } from './binary';

/**
 * Reads a response body but stops as soon as it passes the limit, so a huge or endless response
 * cannot exhaust memory. The limit applies to the decompressed bytes, which also defuses zip bombs.
 * With `sniff`, the first bytes are checked for binary formats and the rest is never downloaded.
 */
export async function readLimitedBody(
  response: Response,
  maxBytes: number,
  url: string,
  opts: { sniff?: boolean; /** Called as each chunk arrives (the fetcher's read timeout is an idle timeout). */ onChunk?: () => void } = {},
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new NonRetryableError(`response too big: ${declared} bytes (limit ${maxBytes})`, { url, status: response.status });
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let sniffed = !opts.sniff;
  for (;;) {
    const { done, value } = await reader.read();
    if (!sniffed && (done || total + (value?.byteLength ?? 0) >= SNIFF_BYTES)) {
      sniffed = true;
      const head = Buffer.concat(value ? [...chunks, value] : chunks);
      const kind = sniffBinary(head);
      if (kind) {
        await reader.cancel().catch(() => undefined);
        throw new SkippedError('binary', `skipped: body is ${kind}, not HTML or XML`, { url, status: response.status });
      }
    }
    if (done) break;
    opts.onChunk?.();
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new NonRetryableError(`response too big: more than ${maxBytes} bytes`, { url, status: response.status });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
