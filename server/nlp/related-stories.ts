/**
 * Groups stories (near-duplicate clusters) that are about the same thing though worded differently:
 * "阳光花园停水" reposts and "物业回应阳光花园停水原因" share their keywords, not their text. Greedy,
 * in rank order: a story joins the first group whose lead shares enough keywords with it, so each
 * group is led by its strongest story and a weak story cannot chain two unrelated groups together.
 */
export interface StoryWords {
  id: number;
  words: readonly string[];
}

export interface RelatedOptions {
  /** Keyword-set Jaccard with the group's lead needed to join. */
  minJaccard: number;
  /** And at least this many keywords in common. */
  minShared: number;
}

export const RELATED_DEFAULTS: RelatedOptions = { minJaccard: 0.3, minShared: 2 };

export function groupRelated(stories: readonly StoryWords[], opts: RelatedOptions = RELATED_DEFAULTS): number[][] {
  const groups: { lead: Set<string>; ids: number[] }[] = [];
  for (const s of stories) {
    const words = new Set(s.words);
    const home = groups.find((g) => {
      let shared = 0;
      for (const w of words) if (g.lead.has(w)) shared++;
      const union = g.lead.size + words.size - shared;
      return shared >= opts.minShared && union > 0 && shared / union >= opts.minJaccard;
    });
    if (home) home.ids.push(s.id);
    else groups.push({ lead: words, ids: [s.id] });
  }
  return groups.map((g) => g.ids);
}
