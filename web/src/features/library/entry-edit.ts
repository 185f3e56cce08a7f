import type { LibraryEntry, LibraryPatch, RumourCategory } from '../../../../server/contracts/library';

export const EDITABLE_FIELDS = ['claim', 'category', 'unit', 'rebuttalText'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface EntryDraft {
  claim: string;
  category: RumourCategory;
  unit: string;
  rebuttalText: string;
}

export const CLAIM_MIN = 4;
export const CLAIM_MAX = 500;
export const UNIT_MAX = 64;
export const REBUTTAL_TEXT_MAX = 5_000;

export function draftOf(e: Pick<LibraryEntry, EditableField>): EntryDraft {
  return { claim: e.claim, category: e.category, unit: e.unit ?? '', rebuttalText: e.rebuttalText ?? '' };
}

/** Fields the server would refuse (same limits as the contract), so the form can say so first. */
export function draftProblems(d: EntryDraft): Partial<Record<EditableField, true>> {
  const out: Partial<Record<EditableField, true>> = {};
  const claim = d.claim.trim().length;
  if (claim < CLAIM_MIN || claim > CLAIM_MAX) out.claim = true;
  if (d.unit.trim().length > UNIT_MAX) out.unit = true;
  if (d.rebuttalText.trim().length > REBUTTAL_TEXT_MAX) out.rebuttalText = true;
  return out;
}

/** Only what changed (blank unit or rebuttal text clears it), so the audit log says what was edited. */
export function entryPatch(e: Pick<LibraryEntry, EditableField>, d: EntryDraft): Omit<LibraryPatch, 'actor'> {
  const out: Omit<LibraryPatch, 'actor'> = {};
  const claim = d.claim.trim();
  if (claim !== e.claim) out.claim = claim;
  if (d.category !== e.category) out.category = d.category;
  const unit = d.unit.trim() || null;
  if (unit !== (e.unit ?? null)) out.unit = unit;
  const rebuttalText = d.rebuttalText.trim() || null;
  if (rebuttalText !== (e.rebuttalText ?? null)) out.rebuttalText = rebuttalText;
  return out;
}

/** Fields that differ between an audit record's before and after snapshots. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}
