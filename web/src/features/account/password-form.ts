/** The change-password form's own checks, before the server's (which has the last word). */
export function passwordProblem(f: { current: string; next: string; repeat: string }): 'tooShort' | 'mismatch' | 'sameAsOld' | null {
  if (f.next.length < 10) return 'tooShort';
  if (f.next !== f.repeat) return 'mismatch';
  if (f.next === f.current) return 'sameAsOld';
  return null;
}
