import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../../server/nlp/normalise';
import { findPriceGouging } from '../../../server/tagging/price-gouging';
import { createTagger } from '../../../server/tagging/tagger';

const find = (s: string, kind: 'post' | 'news' | 'notice' = 'post') => findPriceGouging(normaliseText(s), kind);

describe('price-gouging leads', () => {
  it('finds the named practices and named unit prices', () => {
    expect(find('菜市场趁机涨价，一斤青菜卖到20元！')).toEqual(['趁机涨价', '一斤青菜卖到20元']);
    expect(find('这家药店口罩价格翻了三倍，太黑了')).toEqual(['价格翻了三倍']);
    expect(find('商家哄抬物价，坐地起价')).toEqual(['哄抬物价', '坐地起价']);
  });

  it('sees through evasions the normaliser removes', () => {
    expect(find('商家哄❤抬物价')).toEqual(['哄抬物价']);
  });

  it('ignores ordinary prices, and notices where the regulator speaks', () => {
    expect(find('今天白菜一斤两块钱，挺便宜')).toEqual([]);
    expect(find('市场监管局：严查哄抬物价行为', 'notice')).toEqual([]);
    expect(find('天气晴，适合出游')).toEqual([]);
  });

  it('is tagged apart from rumours and never moves the rumour score', () => {
    const tagger = createTagger();
    const plain = tagger.tag({ title: '', body: '菜市场的青菜今天很新鲜', kind: 'post' });
    const lead = tagger.tag({ title: '', body: '菜市场的青菜今天很新鲜，商家坐地起价', kind: 'post' });
    expect(lead.tags).toContain('price-gouging');
    expect(lead.tags).not.toContain('rumor-suspect');
    expect(lead.reasons.at(-1)).toMatchObject({ code: 'price-gouging', matches: ['坐地起价'] });
    expect(lead.score).toBe(plain.score);
  });
});
