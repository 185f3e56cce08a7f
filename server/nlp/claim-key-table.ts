/**
 * A growable open-addressing map from 32-bit keys to dense ids 0, 1, 2 …: the bigram dictionary of
 * the claim index. Typed arrays rather than a Map, because every item probes it once per character.
 */
export interface KeyTable {
  readonly size: number;
  readonly memoryBytes: number;
  /** The id of key, or −1. */
  get(key: number): number;
  /** The id of key, given the next free id when it is new. */
  intern(key: number): number;
}

export function createKeyTable(initialCapacity = 1024): KeyTable {
  let cap = 16;
  while (cap < initialCapacity * 2) cap *= 2;
  let keys = new Uint32Array(cap);
  let ids = new Int32Array(cap).fill(-1);
  let size = 0;

  const slotOf = (key: number, k: Uint32Array, v: Int32Array, mask: number): number => {
    // Keys are bigrams of nearby code points: mix before masking or neighbours cluster.
    let h = Math.imul(key ^ (key >>> 16), 0x45d9f3b);
    h ^= h >>> 16;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      if (v[i] === -1 || k[i] === key) return i;
    }
  };

  function grow(): void {
    const newCap = cap * 2;
    const nk = new Uint32Array(newCap);
    const nv = new Int32Array(newCap).fill(-1);
    for (let i = 0; i < cap; i++) {
      if (ids[i] === -1) continue;
      const s = slotOf(keys[i]!, nk, nv, newCap - 1);
      nk[s] = keys[i]!;
      nv[s] = ids[i]!;
    }
    cap = newCap;
    keys = nk;
    ids = nv;
  }

  return {
    get size() {
      return size;
    },
    get memoryBytes() {
      return keys.byteLength + ids.byteLength;
    },
    get(key) {
      const s = slotOf(key >>> 0, keys, ids, cap - 1);
      return ids[s]!;
    },
    intern(key) {
      key >>>= 0;
      let s = slotOf(key, keys, ids, cap - 1);
      if (ids[s] !== -1) return ids[s]!;
      if ((size + 1) * 2 > cap) {
        grow();
        s = slotOf(key, keys, ids, cap - 1);
      }
      keys[s] = key;
      ids[s] = size;
      return size++;
    },
  };
}
