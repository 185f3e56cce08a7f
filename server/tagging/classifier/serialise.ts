import { z } from 'zod';
import type { ClassifierModel } from './model';

/**
 * A model as one JSON document: hyper-parameters and counts in the clear, the three per-bucket arrays
 * as base64 of little-endian float32 (4 bytes a bucket; 2^18 buckets ≈ 1.4 MB of text each). Loading
 * checks every field with zod and every array's length and values, so a truncated or hand-edited
 * file fails with a message naming what is wrong instead of tagging with garbage.
 */

export const MODEL_FORMAT = 'yuqing-rumour-classifier';

export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
}

const finite = z.number().finite();
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/**
 * Versions this code reads. 2 added hyper.nb (the per-bucket scale may include naive-Bayes ratios);
 * a version-1 file has no such flag and means exactly a version-2 model with nb: false, so it still
 * loads. Anything newer is refused by name.
 */
export const MODEL_VERSION = 2;

const ModelJson = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.union([z.literal(1), z.literal(2)], {
    error: (issue) => `unsupported model version ${JSON.stringify(issue.input)}: this build reads versions 1 and 2; retrain with npm run tagger:train`,
  }),
  features: z.object({ bits: z.number().int().min(8).max(24), maxN: z.number().int().min(1).max(5) }),
  hyper: z.object({
    lambda: finite.positive(),
    idf: z.boolean(),
    nb: z.boolean().optional(),
    // Added within version 2 (how the weights were fitted; predictions read them alike): absent = logistic, 1.
    nbPower: finite.positive().max(2).optional(),
    loss: z.enum(['logistic', 'squared-hinge']).optional(),
    classBalance: z.boolean(),
    maxIter: z.number().int().positive(),
  }),
  trained: z.object({ examples: z.number().int().nonnegative(), rumours: z.number().int().nonnegative(), updates: z.number().int().nonnegative() }),
  bias: finite,
  precisionBias: finite.positive(),
  blend: z.object({ classifier: finite, lexicon: finite, bias: finite }),
  weights: base64,
  idf: base64.nullable(),
  precision: base64,
});

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function encode(a: Float32Array): string {
  if (!littleEndian) throw new ModelFormatError('model files are little-endian; this machine is not');
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function decode(field: string, text: string, length: number, check: (x: number) => boolean, rule: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== length * 4) {
    throw new ModelFormatError(`invalid tagger model: ${field} holds ${bytes.length} bytes, expected ${length * 4} (${length} float32 values)`);
  }
  const out = new Float32Array(length);
  new Uint8Array(out.buffer).set(bytes);
  for (let i = 0; i < length; i++) {
    if (!check(out[i]!)) throw new ModelFormatError(`invalid tagger model: ${field}[${i}] = ${out[i]} is not ${rule}`);
  }
  return out;
}

export function serialiseModel(model: ClassifierModel): string {
  return JSON.stringify({
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    features: model.features,
    hyper: model.hyper,
    trained: model.trained,
    bias: model.bias,
    precisionBias: model.precisionBias,
    blend: model.blend,
    weights: encode(model.weights),
    idf: model.idf ? encode(model.idf) : null,
    precision: encode(model.precision),
  });
}

/** Parses and validates a serialised model; throws ModelFormatError saying what is wrong. */
export function parseModel(json: string): ClassifierModel {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new ModelFormatError(`invalid tagger model: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = ModelJson.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ModelFormatError(`invalid tagger model: ${issues.join('; ')}`);
  }
  const m = parsed.data;
  if (m.version >= 2 && m.hyper.nb === undefined) throw new ModelFormatError('invalid tagger model: hyper.nb: required from version 2 on');
  const hyper = { ...m.hyper, nb: m.hyper.nb ?? false, nbPower: m.hyper.nbPower ?? 1, loss: m.hyper.loss ?? ('logistic' as const) };
  if ((hyper.idf || hyper.nb) !== (m.idf !== null)) {
    throw new ModelFormatError('invalid tagger model: idf must be present exactly when hyper.idf or hyper.nb is true');
  }
  const dim = 2 ** m.features.bits;
  const isFinite = (x: number): boolean => Number.isFinite(x);
  return {
    version: 2,
    features: m.features,
    hyper,
    trained: m.trained,
    bias: m.bias,
    precisionBias: m.precisionBias,
    blend: m.blend,
    weights: decode('weights', m.weights, dim, isFinite, 'a finite number'),
    idf: m.idf === null ? null : decode('idf', m.idf, dim, (x) => x > 0 && Number.isFinite(x), 'a positive number'),
    precision: decode('precision', m.precision, dim, (x) => x > 0 && Number.isFinite(x), 'a positive number'),
  };
}
