import { createRequire } from 'node:module';

/**
 * Word segmentation for sentiment features: jieba (@node-rs/jieba, its bundled dictionary, HMM on
 * for unknown words). The native module and dictionary are loaded on first use only (~0.1 s), so
 * models without word features never load them. Deterministic for a given text.
 */
type JiebaModule = typeof import('@node-rs/jieba');
type Jieba = InstanceType<JiebaModule['Jieba']>;

let jieba: Jieba | null = null;

export function segmentWords(text: string): string[] {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as JiebaModule;
    const { dict } = require('@node-rs/jieba/dict') as { dict: Buffer };
    jieba = Jieba.withDict(dict);
  }
  return jieba.cut(text, true);
}
