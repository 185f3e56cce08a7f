import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  NEAR_DUPLICATE_DEFAULTS,
  createNearDuplicateIndex,
  createSigner,
  decodeSignature,
  dedupCanonical,
  encodeSignature,
  type NearDuplicateParams,
  type Signature,
} from '../../server/nlp/near-duplicate';
import { shingleHashes } from '../../server/nlp/near-duplicate-shingles';
import { INDEX_MAX_ITEMS } from '../../server/services/cluster-service';
import { createRng, loadRealPosts, syntheticPost } from './near-duplicate/corpus';
import { measureStartup } from './near-duplicate/startup';
import { createSimHasher, createSimHashIndex, hamming, type SimHash64 } from './near-duplicate/simhash';
import { OTHER_KINDS, SMALL_EDIT_KINDS, makeVariant, type VariantKind } from './near-duplicate/variants';

/**
 * npx tsx test/bench/near-duplicate.bench.ts [--posts 2000] [--real 2000] [--stream 20000] [--sweep] [--examples]
 * (--examples lists every pair of distinct posts that were merged, with their similarity)
 *
 * Plants edited copies of distinct posts (synthetic ~170-character local rumours, plus real posts
 * read at run time from ../shared/data/rumor/rumor_posts_dev.jsonl when present) and reports, for
 * MinHash+LSH and for a 64-bit SimHash, the recall per kind of edit, the false-merge rate on
 * distinct posts, and throughput. A benchmark: it prints figures and asserts nothing.
 */
const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '2000' },
    real: { type: 'string', default: '2000' },
    stream: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '20240611' },
    sweep: { type: 'boolean', default: false },
    examples: { type: 'boolean', default: false },
  },
});
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REAL_FILE = path.resolve(ROOT, '../shared/data/rumor/rumor_posts_dev.jsonl');
const seed = Number(values.seed);
const KINDS: VariantKind[] = [...SMALL_EDIT_KINDS, ...OTHER_KINDS];

const rng = createRng(seed);
const synthetic = Array.from({ length: Number(values.posts) }, () => syntheticPost(rng));
const real = loadRealPosts(REAL_FILE, Number(values.real));
const corpora: { name: string; posts: string[] }[] = [{ name: 'synthetic', posts: synthetic }];
if (real.length) corpora.push({ name: 'real (rumor_posts_dev)', posts: real });

/** Variants are fixed per (post, kind), whatever the method or parameters being measured. */
const variants = new Map<string, string[]>();
for (const c of corpora) {
  KINDS.forEach((kind, k) => {
    variants.set(`${c.name}/${kind}`, c.posts.map((p, i) => makeVariant(createRng(seed ^ (i * 7919 + k * 104729)), p, kind)));
  });
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const shingleSet = (text: string, n: number) => new Set(shingleHashes(text, n, 1) ?? []);
function exactJaccard(a: string, b: string, n: number): number {
  const A = shingleSet(a, n);
  const B = shingleSet(b, n);
  let inter = 0;
  for (const x of A) if (B.has(x)) inter++;
  return inter / (A.size + B.size - inter || 1);
}

interface Quality {
  recall: Map<VariantKind, number>;
  smallEdits: number;
  /** Distinct posts that would have joined the cluster of an earlier one. */
  falseMerges: number;
  /** Of those, the pairs whose exact shingle Jaccard reaches the threshold: the same text posted twice in the data. */
  trueRepeats: number;
  /** Every merged pair: the later post, the earlier one, estimated and exact similarity. */
  examples: [string, string, number, number][];
}

/** Share of planted copies found, per kind of edit and over all small-edit kinds. */
function recallOf(corpus: string, n: number, found: (variant: string, original: number) => boolean) {
  const recall = new Map<VariantKind, number>();
  let smallHits = 0;
  for (const kind of KINDS) {
    let hits = 0;
    variants.get(`${corpus}/${kind}`)!.forEach((v, id) => {
      if (found(v, id)) hits++;
    });
    recall.set(kind, hits / n);
    if (SMALL_EDIT_KINDS.includes(kind)) smallHits += hits;
  }
  return { recall, smallEdits: smallHits / (n * SMALL_EDIT_KINDS.length) };
}

function minhashQuality(posts: string[], corpus: string, params: Partial<NearDuplicateParams>): Quality {
  const index = createNearDuplicateIndex(params);
  let falseMerges = 0;
  let trueRepeats = 0;
  const examples: Quality['examples'] = [];
  posts.forEach((p, id) => {
    const found = index.findSimilar(p);
    if (found.length) {
      falseMerges++;
      const other = posts[found[0]!.id]!;
      const exact = exactJaccard(p, other, index.params.shingle);
      if (exact >= index.params.threshold) trueRepeats++;
      examples.push([p, other, found[0]!.similarity, exact]);
    }
    index.add(id, p);
  });
  const found = (v: string, id: number) => index.findSimilar(v).some((m) => m.id === id);
  return { ...recallOf(corpus, posts.length, found), falseMerges, trueRepeats, examples };
}

function simhashQuality(posts: string[], corpus: string, bits: number): Quality {
  const sim = createSimHasher(NEAR_DUPLICATE_DEFAULTS.shingle, NEAR_DUPLICATE_DEFAULTS.minChars);
  const hashes = posts.map((p) => sim(p));
  let falseMerges = 0;
  let trueRepeats = 0;
  hashes.forEach((h, i) => {
    if (!h) return;
    for (let j = 0; j < i; j++) {
      const o = hashes[j];
      if (o && hamming(h, o) <= bits) {
        falseMerges++;
        if (exactJaccard(posts[i]!, posts[j]!, NEAR_DUPLICATE_DEFAULTS.shingle) >= NEAR_DUPLICATE_DEFAULTS.threshold) trueRepeats++;
        break;
      }
    }
  });
  const found = (v: string, id: number) => {
    const a = hashes[id];
    const b = sim(v);
    return !!a && !!b && hamming(a, b) <= bits;
  };
  return { ...recallOf(corpus, posts.length, found), falseMerges, trueRepeats, examples: [] };
}

function printQuality(label: string, q: Quality, n: number) {
  const cells = KINDS.map((k) => `${k} ${pct(q.recall.get(k)!)}`).join(' · ');
  console.log(
    `  ${label.padEnd(34)} small-edit recall ${pct(q.smallEdits).padStart(6)} | distinct posts merged ${q.falseMerges}/${n} ` +
      `(${pct(q.falseMerges / n)}; ${q.trueRepeats} of them exact-Jaccard repeats in the data)\n      ${cells}`,
  );
  if (!values.examples) return;
  for (const [a, b, est, exact] of q.examples) {
    console.log(`      merged (estimated ${est.toFixed(2)}, exact ${exact.toFixed(2)}): «${a.slice(0, 50)}» ~ «${b.slice(0, 50)}»`);
  }
}

/**
 * An ingest stream: three in four items are new posts (from `next`, until it runs dry), one in
 * four an edited repost of an earlier item.
 */
function stream(n: number, next: () => string | undefined): string[] {
  const r = createRng(seed + 1);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const fresh = i > 10 && r.next() < 0.25 ? undefined : next();
    out.push(fresh ?? makeVariant(r, out[r.int(out.length)]!, r.pick(KINDS)));
  }
  return out;
}

function perSecond(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

function speed(label: string, texts: string[]) {
  const n = texts.length;
  console.log(`\nThroughput, ${label}: ${n.toLocaleString('en-US')} posts (sign + look up + add, single thread):`);
  // Warm both paths up so the JIT has compiled them before the clock starts.
  const warm = createNearDuplicateIndex();
  texts.slice(0, 2000).forEach((t, i) => (warm.findSimilar(t), warm.add(i, t)));
  const warmSim = createSimHasher(NEAR_DUPLICATE_DEFAULTS.shingle, NEAR_DUPLICATE_DEFAULTS.minChars);
  texts.slice(0, 2000).forEach((t) => warmSim(t));

  let t0 = performance.now();
  for (const t of texts) dedupCanonical(t);
  const canonMs = performance.now() - t0;
  const signMs = (hashing: NearDuplicateParams['hashing']) => {
    const sign = createSigner({ hashing });
    texts.slice(0, 2000).forEach((t) => sign(t));
    const start = performance.now();
    for (const t of texts) sign(t);
    return performance.now() - start;
  };
  const ophMs = signMs('one-permutation');
  const kpermMs = signMs('k-permutations');

  const index = createNearDuplicateIndex();
  const sigs: (Signature | null)[] = [];
  t0 = performance.now();
  texts.forEach((t, id) => {
    const sig = index.signature(t);
    sigs.push(sig);
    if (!sig) return;
    index.findSimilar(sig);
    index.add(id, sig);
  });
  const minMs = performance.now() - t0;

  const sim = createSimHasher(NEAR_DUPLICATE_DEFAULTS.shingle, NEAR_DUPLICATE_DEFAULTS.minChars);
  const simIndex = createSimHashIndex(3);
  t0 = performance.now();
  texts.forEach((t, id) => {
    const h: SimHash64 | null = sim(t);
    if (!h) return;
    simIndex.findSimilar(h);
    simIndex.add(id, h);
  });
  const simMs = performance.now() - t0;

  // Start-up: rebuilding from stored signature blobs versus re-signing every text.
  const blobs = sigs.map((s) => (s ? encodeSignature(s) : new Uint8Array(0)));
  t0 = performance.now();
  const rebuilt = createNearDuplicateIndex();
  blobs.forEach((b, id) => {
    const sig = decodeSignature(b);
    if (sig) rebuilt.add(id, sig);
  });
  const fromBlobsMs = performance.now() - t0;
  t0 = performance.now();
  const resigned = createNearDuplicateIndex();
  texts.forEach((t, id) => resigned.add(id, t));
  const fromTextsMs = performance.now() - t0;

  const k = NEAR_DUPLICATE_DEFAULTS.bands * NEAR_DUPLICATE_DEFAULTS.rows;
  console.log(`  MinHash+LSH (k=${k})           ${perSecond(n, minMs).padStart(10)}   (${((minMs / n) * 1000).toFixed(1)} µs/item, of which canonical text ${((canonMs / n) * 1000).toFixed(1)} µs)`);
  console.log(`    signing alone: one-permutation ${perSecond(n, ophMs)}, k-permutations ${perSecond(n, kpermMs)}`);
  console.log(`  SimHash-64, ≤3 bits            ${perSecond(n, simMs).padStart(10)}   (${((simMs / n) * 1000).toFixed(1)} µs/item)`);
  console.log(`  rebuild from stored signatures ${perSecond(n, fromBlobsMs).padStart(10)}   (${k * 4} bytes/item in SQLite)`);
  console.log(`  rebuild by re-signing texts    ${perSecond(n, fromTextsMs).padStart(10)}`);
  const bounded = createNearDuplicateIndex({ maxItems: INDEX_MAX_ITEMS });
  for (let i = 0; i < INDEX_MAX_ITEMS; i++) bounded.add(i, sigs[i % sigs.length] ?? sigs.find(Boolean)!);
  console.log(
    `  index memory                   ${Math.round(rebuilt.memoryBytes / rebuilt.size)} bytes/item here (growth slack included); ` +
      `the server's, full at ${INDEX_MAX_ITEMS.toLocaleString('en-US')} items: ${(bounded.memoryBytes / 1_048_576).toFixed(0)} MiB`,
  );
}

const SWEEP: Partial<NearDuplicateParams>[] = [
  { hashing: 'k-permutations' },
  { shingle: 3 },
  { shingle: 5 },
  { bands: 20, rows: 3 },
  { bands: 25, rows: 5 },
  { threshold: 0.4 },
  { threshold: 0.6 },
];
const describe = (p: Partial<NearDuplicateParams>) => {
  const q = { ...NEAR_DUPLICATE_DEFAULTS, ...p };
  return `${q.hashing === 'k-permutations' ? 'k-perm' : 'OPH'} n=${q.shingle} ${q.bands}×${q.rows} t=${q.threshold}`;
};

console.log(`near-duplicate bench · seed ${seed} · default MinHash ${describe({})} minChars=${NEAR_DUPLICATE_DEFAULTS.minChars}`);
for (const c of corpora) {
  const lengths = c.posts.map((p) => p.length).sort((a, b) => a - b);
  console.log(`\n${c.name}: ${c.posts.length} distinct posts, median ${lengths[lengths.length >> 1]} characters; one copy of each per kind`);
  printQuality(`MinHash ${describe({})} (default)`, minhashQuality(c.posts, c.name, {}), c.posts.length);
  if (values.sweep) for (const p of SWEEP) printQuality(`MinHash ${describe(p)}`, minhashQuality(c.posts, c.name, p), c.posts.length);
  printQuality('SimHash-64 ≤3 bits', simhashQuality(c.posts, c.name, 3), c.posts.length);
  printQuality('SimHash-64 ≤7 bits', simhashQuality(c.posts, c.name, 7), c.posts.length);
}
const streamLength = Number(values.stream);
const synthRng = createRng(seed + 2);
const synthStream = stream(streamLength, () => syntheticPost(synthRng));
speed('synthetic stream (shared clause templates: many LSH candidates)', synthStream);
const realPool = loadRealPosts(REAL_FILE, 1_000_000);
if (realPool.length) {
  const realLength = Math.min(streamLength, Math.floor(realPool.length / 0.75));
  speed('real-post stream (rumor_posts_dev, 25 % edited reposts)', stream(realLength, () => realPool.shift()));
}

const s = measureStartup(synthStream);
const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
console.log(`\nThrough the server's ingest and start-up on SQLite (synthetic stream, ${s.items.toLocaleString('en-US')} items):`);
console.log(`  ingest with clustering, batches of 100   ${perSecond(s.items, s.ingestMs)}   → ${s.clusters.toLocaleString('en-US')} clusters, largest ${s.largest}`);
console.log(`  ingest without clustering (baseline)     ${perSecond(s.items, s.plainIngestMs)}`);
console.log(`  start-up rebuild from signatures          ${ms(s.fromSignaturesMs)}   (${s.fromSignatures.indexed} indexed)`);
console.log(`  start-up rebuild after a scheme change    ${ms(s.fromBodiesMs)}   (${s.fromBodies.signed} re-signed from bodies)`);
