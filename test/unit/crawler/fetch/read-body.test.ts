import { describe, expect, it } from 'vitest';
import { NonRetryableError, SkippedError } from '../../../../crawler/errors';
import { binaryExtension, sniffBinary } from '../../../../crawler/fetch/binary';
import { readLimitedBody } from '../../../../crawler/fetch/read-body';

/** A body of `chunks` chunks that records how many were pulled, so tests see what was never downloaded. */
function streamed(first: Uint8Array, chunks: number, chunkSize = 1_024) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      if (pulled === 1) controller.enqueue(first);
      else if (pulled <= chunks) controller.enqueue(new Uint8Array(chunkSize).fill(0x41));
      else controller.close();
    },
  });
  return { response: new Response(body), pulled: () => pulled };
}

describe('readLimitedBody', () => {
  it('reads a body whole', async () => {
    const { response } = streamed(new TextEncoder().encode('<html>'.padEnd(600, ' ')), 3);
    const bytes = await readLimitedBody(response, 10_000, 'http://x.cn/', { sniff: true });
    expect(bytes.byteLength).toBe(600 + 2 * 1_024);
  });

  it('stops at the first chunk of a PDF labelled as HTML, as skipped', async () => {
    const pdf = new Uint8Array(1_024).fill(0x20);
    pdf.set([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]); // %PDF-1
    const { response, pulled } = streamed(pdf, 1_000);
    const err = await readLimitedBody(response, 10_000_000, 'http://x.cn/a', { sniff: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SkippedError);
    expect(err).toMatchObject({ reason: 'binary', message: 'skipped: body is pdf, not HTML or XML' });
    expect(pulled()).toBeLessThan(5);
  });

  it('stops at the limit', async () => {
    const { response, pulled } = streamed(new TextEncoder().encode('<html>'), 1_000);
    await expect(readLimitedBody(response, 4_000, 'http://x.cn/')).rejects.toBeInstanceOf(NonRetryableError);
    expect(pulled()).toBeLessThan(10);
  });
});

describe('binary detection', () => {
  it('knows binary file extensions, attachments of Chinese government sites included', () => {
    for (const path of ['/a.pdf', '/b.DOCX', '/c.zip', '/d.jpg', '/e.wps', '/f.ofd']) expect(binaryExtension(new URL(`http://x.cn${path}`))).not.toBeNull();
    for (const path of ['/a.html', '/b.htm', '/c.shtml', '/d.php?file=x.pdf', '/e/', '/f']) expect(binaryExtension(new URL(`http://x.cn${path}`))).toBeNull();
  });

  it('knows binary formats by their first bytes', () => {
    expect(sniffBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('png');
    expect(sniffBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe('zip/office');
    expect(sniffBinary(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffBinary(new TextEncoder().encode('<!DOCTYPE html><html>'))).toBeNull();
    expect(sniffBinary(new Uint8Array([0x3c, 0x61, 0x00, 0x62]))).toMatch(/NUL/);
    // UTF-16 with a BOM is text, NULs and all.
    expect(sniffBinary(new Uint8Array([0xff, 0xfe, 0x3c, 0x00, 0x68, 0x00]))).toBeNull();
  });
});
