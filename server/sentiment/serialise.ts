import { z } from 'zod';
import { SENTIMENT_LABELS, SENTIMENT_MODEL_VERSION, type SentimentModel } from './model';

/**
 * JSON form of a SentimentModel. Weights are stored sparsely (bucket, value) since only buckets some
 * training row touched are non-zero; each label's scale is stored only where it differs from the
 * value every untouched bucket shares. Parsing validates with zod and checks every bucket against the spec, so a
 * corrupt or foreign file is rejected with a message instead of predicting garbage.
 */

const finite = z.number().finite();
const Sparse = z.object({ idx: z.array(z.number().int().nonnegative()), val: z.array(finite) }).refine((s) => s.idx.length === s.val.length, {
  message: 'idx and val differ in length',
});

const ModelJson = z.object({
  kind: z.literal('sentiment'),
  version: z.literal(SENTIMENT_MODEL_VERSION),
  features: z.object({ bits: z.number().int().min(8).max(24), maxN: z.number().int().min(1).max(5) }),
  hyper: z.object({ lambda: finite.positive(), maxIter: z.number().int().positive(), idf: z.boolean(), nb: z.boolean(), classBalance: z.boolean() }),
  trained: z.object({
    examples: z.number().int().nonnegative(),
    perClass: z.object({ pos: z.number().int().nonnegative(), neutral: z.number().int().nonnegative(), neg: z.number().int().nonnegative() }),
  }),
  scales: z.array(z.object({ fill: finite, idx: z.array(z.number().int().nonnegative()), val: z.array(finite) }).nullable()).length(SENTIMENT_LABELS.length),
  weights: z.array(Sparse).length(SENTIMENT_LABELS.length),
  biases: z.array(finite).length(SENTIMENT_LABELS.length),
});

const round = (x: number): number => Number(x.toPrecision(7));

function sparse(a: Float32Array): { idx: number[]; val: number[] } {
  const idx: number[] = [];
  const val: number[] = [];
  for (let b = 0; b < a.length; b++) {
    if (a[b] !== 0) {
      idx.push(b);
      val.push(round(a[b]!));
    }
  }
  return { idx, val };
}

/** Stores the most common value (that of buckets no example touched) once, the others sparsely. */
function withFill(scale: Float32Array): { fill: number; idx: number[]; val: number[] } {
  const freq = new Map<number, number>();
  for (let b = 0; b < scale.length; b++) freq.set(scale[b]!, (freq.get(scale[b]!) ?? 0) + 1);
  let fill = 0;
  let most = -1;
  for (const [v, c] of freq) {
    if (c > most) {
      most = c;
      fill = v;
    }
  }
  const idx: number[] = [];
  const val: number[] = [];
  for (let b = 0; b < scale.length; b++) {
    if (scale[b] !== fill) {
      idx.push(b);
      val.push(round(scale[b]!));
    }
  }
  return { fill, idx, val };
}

export function serialiseSentimentModel(model: SentimentModel): string {
  const scales = model.scales.map((scale) => (scale ? withFill(scale) : null));
  return JSON.stringify({
    kind: 'sentiment',
    version: model.version,
    features: model.features,
    hyper: model.hyper,
    trained: model.trained,
    scales,
    weights: model.weights.map(sparse),
    biases: model.biases,
  });
}

export class SentimentModelError extends Error {}

export function parseSentimentModel(json: string): SentimentModel {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new SentimentModelError('sentiment model: not JSON');
  }
  const parsed = ModelJson.safeParse(raw);
  if (!parsed.success) {
    throw new SentimentModelError(`sentiment model: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const m = parsed.data;
  const dim = 2 ** m.features.bits;
  const dense = (s: { idx: number[]; val: number[] }, fill: number, what: string): Float32Array => {
    if (s.idx.length !== s.val.length) throw new SentimentModelError(`sentiment model: ${what}: idx and val differ in length`);
    const a = new Float32Array(dim).fill(fill);
    s.idx.forEach((b, k) => {
      if (b >= dim) throw new SentimentModelError(`sentiment model: ${what}: bucket ${b} outside 2^${m.features.bits}`);
      a[b] = s.val[k]!;
    });
    return a;
  };
  return {
    version: SENTIMENT_MODEL_VERSION,
    features: m.features,
    hyper: m.hyper,
    trained: m.trained,
    scales: m.scales.map((sc, c) => (sc ? dense(sc, sc.fill, `scales.${c}`) : null)),
    weights: m.weights.map((w, c) => dense(w, 0, `weights.${c}`)),
    biases: m.biases,
  };
}
