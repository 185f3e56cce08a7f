import { NonRetryableError } from '../errors';

/**
 * Reads a response body but stops as soon as it passes the limit, so a huge or endless response
 * cannot exhaust memory. The limit applies to the decompressed bytes, which also defuses zip bombs.
 */
export async function readLimitedBody(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new NonRetryableError(`response too big: ${declared} bytes (limit ${maxBytes})`, { url, status: response.status });
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new NonRetryableError(`response too big: more than ${maxBytes} bytes`, { url, status: response.status });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
