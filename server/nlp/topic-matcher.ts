import type { ItemKind } from '../contracts/item';
import { createTermScanner } from './term-scanner';

/** The parts of a topic that decide whether an item belongs to it. */
export interface TopicRule {
  id: number;
  includeAll: readonly string[];
  includeAny: readonly string[];
  exclude: readonly string[];
  sourceIds: readonly string[];
  kinds: readonly ItemKind[];
}

export interface TopicCandidate {
  /** Title and body, normalised with the same function the matcher was built with. */
  text: string;
  sourceId: string;
  kind: ItemKind;
}

export interface TopicMatcher {
  /** Ids of the topics the item belongs to, ascending. */
  match(item: TopicCandidate): number[];
  readonly topicCount: number;
}

interface CompiledTopic {
  id: number;
  /** For each include-all group, the term ids of its alternatives. */
  all: number[][];
  any: number[];
  none: number[];
  sources: Set<string> | null;
  kinds: Set<ItemKind> | null;
}

/**
 * Compiles every topic's keyword groups into one term scanner, so an item is read once whatever
 * the number of topics; the boolean rules are then checked against the set of terms found.
 * Keywords are normalised like the text (traditional → simplified, full → half width, case), so
 * "地鐵" in a rule finds "地铁" in a post and the other way round.
 */
export function compileTopics(rules: readonly TopicRule[], normalise: (s: string) => string): TopicMatcher {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const idOf = (raw: string): number[] => {
    const ids: number[] = [];
    for (const alt of raw.split('|')) {
      const t = normalise(alt.trim());
      if (!t) continue;
      let id = termIds.get(t);
      if (id === undefined) {
        id = terms.length;
        terms.push(t);
        termIds.set(t, id);
      }
      ids.push(id);
    }
    return ids;
  };
  const compiled: CompiledTopic[] = rules.map((r) => ({
    id: r.id,
    all: r.includeAll.map(idOf).filter((g) => g.length > 0),
    any: r.includeAny.flatMap(idOf),
    none: r.exclude.flatMap(idOf),
    sources: r.sourceIds.length ? new Set(r.sourceIds) : null,
    kinds: r.kinds.length ? new Set(r.kinds) : null,
  }));
  const scanner = createTermScanner(terms);
  const found = new Uint8Array(terms.length);

  return {
    topicCount: compiled.length,
    match(item: TopicCandidate): number[] {
      const eligible = compiled.filter((t) => (!t.sources || t.sources.has(item.sourceId)) && (!t.kinds || t.kinds.has(item.kind)));
      if (eligible.length === 0) return [];
      const present = scanner.present(item.text);
      if (present.length === 0) return [];
      for (const id of present) found[id] = 1;
      const has = (id: number) => found[id] === 1;
      const out: number[] = [];
      for (const t of eligible) {
        // A topic whose keywords all normalised away matches nothing rather than everything.
        if (t.all.length === 0 && t.any.length === 0) continue;
        if (!t.all.every((group) => group.some(has))) continue;
        if (t.any.length > 0 && !t.any.some(has)) continue;
        if (t.none.some(has)) continue;
        out.push(t.id);
      }
      for (const id of present) found[id] = 0;
      return out.sort((a, b) => a - b);
    },
  };
}
