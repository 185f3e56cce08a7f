import { z } from 'zod';
import { SENTIMENT_MODEL_VERSION, SentimentLabelSchema, sentimentScales, type SentimentModel } from './model';

/**
 * JSON form of a SentimentModel, compact: the buckets some training example touched are stored once,
 * as ascending gaps; per component, the document frequencies at those buckets (small integers, from
 * which parsing recomputes the feature scales exactly as training did) and the weights at those
 * buckets (5 significant digits; every other weight is 0). Parsing validates with zod and checks
 * every bucket and length against the spec, so a corrupt or foreign file is rejected with a message
 * instead of predicting garbage; a file of another format version is refused by name.
 */

const finite = z.number().finite();
const count = z.number().int().nonnegative();

const ModelJson = z
  .object({
    kind: z.literal('sentiment'),
    version: z.literal(SENTIMENT_MODEL_VERSION),
    features: z.object({ bits: z.number().int().min(8).max(24), maxN: z.number().int().min(1).max(5), words: z.boolean(), emoticons: z.boolean() }),
    hyper: z.object({
      lambda: finite.positive(),
      maxIter: z.number().int().positive(),
      idf: z.boolean(),
      nb: z.boolean(),
      classBalance: z.boolean(),
      subclasses: z.boolean(),
      multinomial: z.boolean(),
    }),
    trained: z.object({
      examples: count,
      perClass: z.object({ pos: count, neutral: count, neg: count }),
    }),
    classes: z.array(z.object({ name: z.string().min(1), label: SentimentLabelSchema })).min(2).max(16),
    /** Gaps between successive touched buckets (the first is the bucket itself). */
    buckets: z.array(count),
    perComponent: z.array(count),
    df: z.array(z.array(count)),
    weights: z.array(z.array(finite)),
    biases: z.array(finite),
  })
  .superRefine((m, ctx) => {
    for (const key of ['perComponent', 'df', 'weights', 'biases'] as const) {
      if (m[key].length !== m.classes.length) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${m[key].length} entries for ${m.classes.length} classes` });
      }
    }
    for (const key of ['df', 'weights'] as const) {
      m[key].forEach((a, c) => {
        if (a.length !== m.buckets.length) ctx.addIssue({ code: 'custom', path: [key, c], message: `${a.length} values for ${m.buckets.length} buckets` });
      });
    }
    if (new Set(m.classes.map((c) => c.label)).size < 2) ctx.addIssue({ code: 'custom', path: ['classes'], message: 'fewer than two labels' });
  });

const round = (x: number): number => Number(x.toPrecision(5));

export function serialiseSentimentModel(model: SentimentModel): string {
  const { buckets, df, perComponent } = model.stats;
  const gaps = Array.from(buckets, (b, j) => (j === 0 ? b : b - buckets[j - 1]!));
  return JSON.stringify({
    kind: 'sentiment',
    version: model.version,
    features: model.features,
    hyper: model.hyper,
    trained: model.trained,
    classes: model.classes,
    buckets: gaps,
    perComponent,
    df: df.map((d) => Array.from(d)),
    weights: model.weights.map((w) => Array.from(buckets, (b) => round(w[b]!))),
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
  if (typeof raw === 'object' && raw !== null && 'version' in raw && (raw as { version: unknown }).version !== SENTIMENT_MODEL_VERSION) {
    const v = (raw as { version: unknown }).version;
    throw new SentimentModelError(
      `sentiment model: format version ${JSON.stringify(v)} is not supported (this build reads version ${SENTIMENT_MODEL_VERSION}); ` +
        'retrain it with npm run sentiment:train',
    );
  }
  const parsed = ModelJson.safeParse(raw);
  if (!parsed.success) {
    throw new SentimentModelError(`sentiment model: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const m = parsed.data;
  const dim = 2 ** m.features.bits;
  const buckets = new Int32Array(m.buckets.length);
  let at = -1;
  m.buckets.forEach((gap, j) => {
    if (j > 0 && gap === 0) throw new SentimentModelError(`sentiment model: buckets.${j}: repeated bucket`);
    at = j === 0 ? gap : at + gap;
    if (at >= dim) throw new SentimentModelError(`sentiment model: buckets.${j}: bucket ${at} outside 2^${m.features.bits}`);
    buckets[j] = at;
  });
  const stats = { buckets, df: m.df.map((d) => Int32Array.from(d)), perComponent: m.perComponent };
  return {
    version: SENTIMENT_MODEL_VERSION,
    features: m.features,
    hyper: m.hyper,
    trained: m.trained,
    classes: m.classes,
    stats,
    scales: sentimentScales(stats, m.features.bits, m.hyper),
    weights: m.weights.map((w) => {
      const a = new Float32Array(dim);
      w.forEach((v, j) => {
        a[buckets[j]!] = v;
      });
      return a;
    }),
    biases: m.biases,
  };
}
