import { ApiError, type FieldError } from '../../api/client';
import type { LedgerCategory, LedgerUnit } from '../../api/ledger';

/** The quick-entry form's fields, as the server names them in 422 field errors. */
export const ENTRY_FIELDS = ['day', 'unitId', 'categoryKey', 'quantity', 'note', 'topicId', 'libraryId', 'actor'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];
/** Field errors by field; `form` collects what names no field of the form. */
export type EntryErrors = Partial<Record<EntryField | 'form', string>>;

/**
 * A failed save → messages next to the fields they name. Only 422/400 field errors are placed;
 * anything else is left to the caller's general message (returns null).
 * `word` says a field error in the reader's language (error-text.ts describeFieldError); the server's
 * English message by default.
 */
export function entryErrorsOf(err: unknown, word: (f: FieldError) => string = (f) => f.message): EntryErrors | null {
  if (!(err instanceof ApiError) || (err.status !== 422 && err.status !== 400) || err.fieldErrors.length === 0) return null;
  const out: EntryErrors = {};
  const add = (k: EntryField | 'form', m: string) => {
    out[k] = out[k] ? `${out[k]}；${m}` : m;
  };
  for (const f of err.fieldErrors) {
    const head = f.path.split('.')[0] ?? '';
    const field = (ENTRY_FIELDS as readonly string[]).includes(head) ? (head as EntryField) : 'form';
    add(field, word(f));
  }
  return out;
}

/**
 * A typed quantity: digits with optional thousands separators and decimals ("1,200", "3.5").
 * Null when it is not a non-negative number; the server checks the range again.
 */
export function parseQuantity(text: string): number | null {
  const s = text.trim().replace(/[,，\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) && n <= 1e12 ? n : null;
}

/** A unit's label in a flat select: indented by its depth in the tree (full-width spaces survive in options). */
export function unitLabel(u: Pick<LedgerUnit, 'name' | 'depth'>): string {
  return `${'\u3000'.repeat(Math.max(0, u.depth))}${u.name}`;
}

/** Categories a reporter can type (automatic ones are counted, never typed), in their order. */
export function typedCategories(cats: LedgerCategory[]): LedgerCategory[] {
  return cats.filter((c) => !c.automatic).sort((a, b) => a.sortOrder - b.sortOrder);
}

/** A link select's value → an id, or null when cleared (Element Plus clears to '' or undefined). */
export function linkId(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}

export interface RumourOption {
  id: number;
  claim: string;
}

/** The rumour select's options: the search results, with the chosen one kept on top when the results no longer hold it. */
export function rumourOptions(found: readonly RumourOption[], chosen: RumourOption | null): RumourOption[] {
  const list = found.map((e) => ({ id: e.id, claim: e.claim }));
  return chosen && !list.some((e) => e.id === chosen.id) ? [chosen, ...list] : list;
}

const UNIT_KEY = 'yuqing.ledger.unit';

/** The unit this device last reported for (null when none or storage is unavailable). */
export function loadRememberedUnit(storage: Pick<Storage, 'getItem'> | null = safeStorage()): number | null {
  const v = storage?.getItem(UNIT_KEY) ?? '';
  return /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null;
}

export function rememberUnit(id: number, storage: Pick<Storage, 'setItem'> | null = safeStorage()): void {
  try {
    storage?.setItem(UNIT_KEY, String(id));
  } catch {
    // storage full or blocked: the unit lasts for this page only
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
