import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { assessText, commonHanShare, mayBeGarbled } from '../../../../crawler/fetch/mojibake';

const SIMPLIFIED =
  '清河区人民政府关于东城街道临时停水的通知。因供水管网维修改造，定于6月5日8时至18时对东城街道部分区域暂停供水，' +
  '请广大居民提前做好储水准备，给您带来的不便敬请谅解。区防汛抗旱指挥部召开会议，部署今年汛期各项工作。';
const TRADITIONAL =
  '清河區人民政府關於東城街道臨時停水的通知。因供水管網維修改造，定於6月5日8時至18時對東城街道部分區域暫停供水，' +
  '請廣大居民提前做好儲水準備，給您帶來的不便敬請諒解。區防汛抗旱指揮部召開會議，部署今年汛期各項工作。';

describe('assessText', () => {
  it('finds real Chinese (simplified or traditional), English and empty text clean', () => {
    for (const text of [SIMPLIFIED, TRADITIONAL, 'Plain English, café and naïve included.', '', `<html>${SIMPLIFIED}</html>`]) {
      expect(assessText(text)).toMatchObject({ garbled: false });
    }
  });

  it('tolerates a stray replacement character in a long page', () => {
    expect(assessText(`${SIMPLIFIED.repeat(5)}\uFFFD`).garbled).toBe(false);
  });

  it.each([
    ['UTF-8 read as GBK', iconv.decode(Buffer.from(SIMPLIFIED), 'gb18030'), /common hanzi/],
    ['UTF-8 read as Big5', iconv.decode(Buffer.from(SIMPLIFIED), 'big5'), /U\+FFFD/],
    ['GBK read as UTF-8', new TextDecoder().decode(iconv.encode(SIMPLIFIED, 'gbk')), /U\+FFFD/],
    ['GBK read as Big5', iconv.decode(iconv.encode(SIMPLIFIED, 'gbk'), 'big5'), /U\+FFFD|common hanzi/],
    ['Big5 read as GBK', iconv.decode(iconv.encode(TRADITIONAL, 'big5'), 'gb18030'), /private-use|common hanzi/],
    ['UTF-8 read as Latin-1', iconv.decode(Buffer.from(SIMPLIFIED), 'windows-1252'), /Latin-1/],
    ['锟斤拷', `${SIMPLIFIED}锟斤拷锟斤拷`, /锟斤拷/],
  ])('flags %s', (_name, text, sign) => {
    const result = assessText(text);
    expect(result.garbled).toBe(true);
    expect(result.signs.join('; ')).toMatch(sign);
    expect(result.score).toBeGreaterThan(assessText(SIMPLIFIED).score);
  });

  it('measures how everyday the hanzi are', () => {
    expect(commonHanShare([...'的是在人有我他这个们中来上大为和国'])).toBe(1);
    expect(commonHanShare([...'娓呮渤鍖轰汉姘戞斂搴滃叧浜庝笢'])).toBeLessThan(0.5);
    expect(commonHanShare([])).toBe(1);
  });
});

describe('commonHanShare look-up table', () => {
  it('gives, character by character, the verdict of encoding the text to GBK and Big5', () => {
    const isCommon = (ch: string) => {
      const g = iconv.encode(ch, 'gbk');
      const b = iconv.encode(ch, 'big5');
      const gc = g.length === 2 ? (g[0] ?? 0) * 256 + (g[1] ?? 0) : -1;
      const bc = b.length === 2 ? (b[0] ?? 0) * 256 + (b[1] ?? 0) : -1;
      return (gc >= 0xb0a1 && gc <= 0xd7fe && (gc & 0xff) >= 0xa1) || (bc >= 0xa440 && bc <= 0xc67e);
    };
    let mismatches = 0;
    for (let cp = 0x4e00; cp <= 0x9fff; cp += 7) {
      const ch = String.fromCharCode(cp);
      if ((commonHanShare([ch]) === 1) !== isCommon(ch)) mismatches += 1;
    }
    expect(mismatches).toBe(0);
  });
});

describe('mayBeGarbled', () => {
  it('clears clean text cheaply and never clears text that assessText finds garbled', () => {
    const clean = '清河区人民政府关于做好防汛工作的通知，各街道、各部门：为切实做好今年防汛工作，现将有关事项通知如下。'.repeat(20);
    expect(mayBeGarbled(clean)).toBe(false);
    expect(mayBeGarbled('plain ASCII page')).toBe(false);
    const bytes = iconv.encode(clean, 'gbk');
    for (const garbled of [iconv.decode(bytes, 'big5'), iconv.decode(bytes, 'utf8'), iconv.decode(bytes, 'latin1'), `${clean}锟斤拷`]) {
      expect(assessText(garbled).garbled).toBe(true);
      expect(mayBeGarbled(garbled)).toBe(true);
    }
  });
});
