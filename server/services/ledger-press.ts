import type { PressCandidate } from '../contracts/ledger';
import { isPressConference } from '../nlp/press-conference';
import type { PressRow } from '../repositories/ledger-repo';

/**
 * The press-conference candidates among rows (oldest first): items the recogniser takes for one, and
 * items a person decided on (a confirmed item counts even if the recogniser's rules change later).
 *
 * One conference reported by several outlets counts once: items of one near-duplicate cluster are one
 * conference, and a decision on any of them is a decision on the conference. It counts when a member
 * is confirmed, or when none is rejected; its counted item is the earliest confirmed member, else the
 * earliest member. Candidates come back oldest first.
 */
export function pressCandidates(rows: readonly PressRow[], needles: readonly string[]): PressCandidate[] {
  const cands = rows.filter((r) => r.decision !== null || isPressConference({ title: r.title, kind: r.kind, own: r.own, needles }));
  const byConference = new Map<number, PressRow[]>();
  for (const r of cands) {
    const list = byConference.get(r.conference);
    if (list) list.push(r);
    else byConference.set(r.conference, [r]);
  }
  const counted = new Set<number>();
  for (const members of byConference.values()) {
    const confirmed = members.find((m) => m.decision === 'confirmed');
    if (confirmed) counted.add(confirmed.id);
    else if (!members.some((m) => m.decision === 'rejected')) counted.add(members[0]!.id);
  }
  return cands.map((r) => ({
    itemId: r.id,
    title: r.title,
    url: r.url,
    sourceId: r.sourceId,
    day: r.day,
    state: r.decision ?? 'recognised',
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    counted: counted.has(r.id),
    conferenceId: r.conference,
  }));
}
