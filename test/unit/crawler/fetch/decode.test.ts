import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromMarkup, decodeBody, looksLikeUtf8, normaliseCharset } from '../../../../crawler/fetch/decode';

const TEXT = '清河区人民政府关于东城街道临时停水的通知';
const page = (charsetMeta: string, text = TEXT) => `<!DOCTYPE html><html><head>${charsetMeta}<title>${text}</title></head><body><p>${text}</p></body></html>`;

describe('decodeBody', () => {
  it('decodes plain UTF-8 with a header charset', () => {
    const d = decodeBody(Buffer.from(page('<meta charset="utf-8">')), { contentType: 'text/html; charset=UTF-8' });
    expect(d.text).toContain(TEXT);
    expect(d).toMatchObject({ charset: 'utf-8', source: 'header' });
  });

  it('decodes GBK bytes named by the Content-Type header, using GB18030', () => {
    const bytes = iconv.encode(page(''), 'gbk');
    const d = decodeBody(bytes, { contentType: 'text/html; charset=GBK' });
    expect(d.text).toContain(TEXT);
    expect(d).toMatchObject({ charset: 'gb18030', source: 'header' });
  });

  it('decodes GBK bytes declared only in <meta http-equiv>', () => {
    const bytes = iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'gbk');
    const d = decodeBody(bytes, { contentType: 'text/html' });
    expect(d.text).toContain(TEXT);
    expect(d).toMatchObject({ charset: 'gb18030', source: 'meta' });
  });

  it('decodes GBK declared by <meta charset> and an XML declaration', () => {
    expect(decodeBody(iconv.encode(page('<meta charset="gbk">'), 'gbk')).text).toContain(TEXT);
    const xml = iconv.encode(`<?xml version="1.0" encoding="GB2312"?><rss><channel><title>${TEXT}</title></channel></rss>`, 'gbk');
    expect(decodeBody(xml, { contentType: 'application/rss+xml' })).toMatchObject({ charset: 'gb18030', source: 'meta' });
    expect(decodeBody(xml).text).toContain(TEXT);
  });

  it('lets a UTF-8 BOM win over a wrong header and strips it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page(''))]);
    const d = decodeBody(bytes, { contentType: 'text/html; charset=gbk' });
    expect(d.text.startsWith('<!DOCTYPE')).toBe(true);
    expect(d.text).toContain(TEXT);
    expect(d).toMatchObject({ charset: 'utf-8', source: 'bom' });
  });

  it('prefers UTF-8 when a page declares gb2312 but its bytes are valid multibyte UTF-8', () => {
    const bytes = Buffer.from(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'), 'utf8');
    const d = decodeBody(bytes);
    expect(d.text).toContain(TEXT);
    expect(d).toMatchObject({ charset: 'utf-8', source: 'sniffed', declared: 'gb18030' });
  });

  it('keeps GBK when a page declares it and its bytes are not UTF-8', () => {
    const d = decodeBody(iconv.encode(page('<meta charset="gbk">'), 'gbk'));
    expect(d).toMatchObject({ charset: 'gb18030', source: 'meta' });
  });

  it('defaults to UTF-8 when nothing is declared', () => {
    const d = decodeBody(Buffer.from(page('')));
    expect(d).toMatchObject({ charset: 'utf-8', source: 'default' });
    expect(d.text).toContain(TEXT);
  });

  it('obeys a charset forced by the source config over everything else', () => {
    const bytes = iconv.encode(page('<meta charset="utf-8">'), 'gbk');
    const d = decodeBody(bytes, { contentType: 'text/html; charset=utf-8', forced: 'gbk' });
    expect(d.text).toContain(TEXT);
    expect(d).toMatchObject({ charset: 'gb18030', source: 'forced' });
  });

  it('ignores a declaration it cannot decode and falls back to UTF-8', () => {
    const d = decodeBody(Buffer.from(page('<meta charset="x-klingon">')));
    expect(d).toMatchObject({ charset: 'utf-8', source: 'default', declared: 'x-klingon' });
  });
});

describe('charset helpers', () => {
  it('maps the GB family to gb18030 and web latin1 to windows-1252', () => {
    expect(normaliseCharset('GB2312')).toBe('gb18030');
    expect(normaliseCharset('"gbk"')).toBe('gb18030');
    expect(normaliseCharset('UTF8')).toBe('utf-8');
    expect(normaliseCharset('ISO-8859-1')).toBe('windows-1252');
    expect(normaliseCharset('nonsense')).toBeNull();
  });

  it('only prescans the first 2 KB for a <meta> charset', () => {
    const late = `<html><head>${' '.repeat(3_000)}<meta charset="gbk"></head></html>`;
    expect(charsetFromMarkup(Buffer.from(late))).toBeNull();
    expect(charsetFromMarkup(Buffer.from('<html><head><meta charset=\'big5\'></head>'))).toBe('big5');
  });

  it('does not call pure ASCII "UTF-8 evidence"', () => {
    expect(looksLikeUtf8(Buffer.from('plain ascii'))).toBe(false);
    expect(looksLikeUtf8(Buffer.from('中文'))).toBe(true);
    expect(looksLikeUtf8(iconv.encode('中文内容', 'gbk'))).toBe(false);
  });
});
