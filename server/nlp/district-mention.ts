/** The names a district goes by: its own and the aliases outside media use ("清河", an old county name …). */
export interface DistrictNames {
  name: string;
  aliases: readonly string[];
}

/** Shorter names would match all over unrelated text ("清" alone); the contract refuses such aliases too. */
const MIN_NAME = 2;

/** ASCII letters, digits and signs as their full-width twins (Ａ１（), the space as the ideographic one. */
const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

/**
 * The strings whose plain occurrence in a text means the district is mentioned: each name in its
 * half-width (NFKC) form and its full-width twin, so "Ｘ新区" and "X新区" are the same name. Plain
 * substring search on purpose: "清河区" is found in "清河区委" and "清河区人民政府", and the same needles
 * run as SQL instr() over a year of items. A needle that contains another is dropped ("清河区" when
 * "清河" is an alias), which changes nothing found and saves a scan.
 */
export function districtNeedles(d: DistrictNames): string[] {
  const forms = new Set<string>();
  for (const raw of [d.name, ...d.aliases]) {
    const half = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
    if ([...half].length < MIN_NAME) continue;
    forms.add(half);
    forms.add(toFullWidth(half));
  }
  const all = [...forms].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return all.filter((n, i) => !all.slice(0, i).some((shorter) => n.includes(shorter)));
}

/**
 * Two-character pieces such that every needle contains one: a scan looks for these few first and
 * checks the full needles only where one occurs. Each pass of SQLite's instr() over a year of bodies
 * costs the same whatever it looks for, so "清河区", "清河新城" and "清河街道" cost one pass (清河), not
 * three. Greedy: the piece shared by most needles not yet covered, first.
 */
export function needleProbes(needles: readonly string[]): string[] {
  const pieces = needles.map((n) => {
    const cs = [...n];
    return new Set(cs.slice(0, -1).map((c, i) => c + cs[i + 1]!));
  });
  const probes: string[] = [];
  let open = pieces.map((_, i) => i);
  while (open.length) {
    const tally = new Map<string, number>();
    for (const i of open) for (const p of pieces[i]!) tally.set(p, (tally.get(p) ?? 0) + 1);
    let best = '';
    let most = 0;
    for (const [p, n] of tally) if (n > most) [best, most] = [p, n];
    probes.push(best);
    open = open.filter((i) => !pieces[i]!.has(best));
  }
  return probes;
}

/** Whether a text (title, body) mentions the district by any of its needles (see districtNeedles). */
export function mentionsDistrict(text: string, needles: readonly string[]): boolean {
  return needles.some((n) => text.includes(n));
}
