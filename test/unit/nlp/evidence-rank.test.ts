import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../server/nlp/normalise';
import { rankEvidence } from '../../../server/nlp/evidence-rank';

const pool = [
  '关于清河区近期道路施工的通知 清河区交通局将于下周对中山路进行施工',
  '清河区水务局：全区供水水质检测合格 近日网传我区自来水受到污染，经检测，水质符合国家标准，可以放心饮用',
  '清河区关于开展垃圾分类宣传周活动的通知',
  '清河区卫健委提醒：流感高发季请及时接种疫苗',
].map((text, i) => ({ ref: i, text: normaliseText(text) }));

describe('evidence for a suspected rumour', () => {
  it("ranks the notice that answers the rumour first, by the rumour's own words, not the district's name", () => {
    const r = rankEvidence(normaliseText('紧急通知：清河区自来水受到污染，近三天不要饮用！'), pool);
    expect(r[0]!.ref).toBe(1);
    expect(r[0]!.phrases.join('|')).toContain('自来水受到污染');
    expect(r.map((x) => x.ref)).not.toContain(2);
  });

  it('finds nothing for a rumour no notice speaks to', () => {
    expect(rankEvidence(normaliseText('网传某明星明天来清河区开演唱会'), pool)).toEqual([]);
  });

  it('handles empty input', () => {
    expect(rankEvidence('', pool)).toEqual([]);
    expect(rankEvidence(normaliseText('自来水污染'), [])).toEqual([]);
  });
});
