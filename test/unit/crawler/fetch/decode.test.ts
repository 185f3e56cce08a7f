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

describe('decodeBody: Big5 and mojibake repair', () => {
  const TRAD = '清河區人民政府關於東城街道臨時停水的通知，請廣大居民提前做好儲水準備，給您帶來的不便敬請諒解。';

  it.each(['big5', 'Big5-HKSCS', 'x-big5', 'cn-big5', 'csbig5', 'cp950'])('decodes Big5 declared as %s', (label) => {
    const bytes = iconv.encode(page(`<meta charset="${label}">`, TRAD), 'big5');
    const d = decodeBody(bytes);
    expect(d.text).toContain(TRAD);
    expect(d).toMatchObject({ charset: 'big5', source: 'meta', mojibake: null });
  });

  it('repairs a page whose <meta> says UTF-8 but whose bytes are GBK', () => {
    const d = decodeBody(iconv.encode(page('<meta charset="utf-8">'), 'gbk'));
    expect(d.text).toContain(TEXT);
    expect(d).toMatchObject({ charset: 'gb18030', source: 'repaired', declared: 'utf-8', mojibake: null });
  });

  it('repairs a page whose header says GBK but whose bytes are Big5', () => {
    const d = decodeBody(iconv.encode(page('', TRAD), 'big5'), { contentType: 'text/html; charset=gbk' });
    expect(d.text).toContain(TRAD);
    expect(d).toMatchObject({ charset: 'big5', source: 'repaired', declared: 'gb18030' });
  });

  it('repairs a GBK page that declares Big5', () => {
    const d = decodeBody(iconv.encode(page('<meta charset="big5">'), 'gbk'));
    expect(d.text).toContain(TEXT);
    expect(d).toMatchObject({ charset: 'gb18030', source: 'repaired', declared: 'big5' });
  });

  it('reports mojibake when no charset gives clean text', () => {
    const d = decodeBody(Buffer.from(page('<meta charset="utf-8">', `${TEXT}锟斤拷锟斤拷烫烫烫`)));
    expect(d.mojibake).toMatch(/锟斤拷.*tried utf-8, gb18030, big5/);
  });

  it('checks a forced charset but never overrides it', () => {
    const d = decodeBody(Buffer.from(page('')), { forced: 'gbk' });
    expect(d).toMatchObject({ charset: 'gb18030', source: 'forced' });
    expect(d.mojibake).toMatch(/tried gb18030/);
  });

  it('can skip the check (robots.txt and the like)', () => {
    expect(decodeBody(Buffer.from('锟斤拷锟斤拷'), { checkMojibake: false }).mojibake).toBeNull();
  });
});
