import type { PressCandidate, PressCandidates, PressDecision, PressQuery } from '../contracts/ledger';
import type { DistrictInput, DistrictProfile } from '../contracts/ledger-district';
import { NotFoundError, ValidationError, fieldFailures } from '../errors';
import { isDayString } from '../lib/time';
import { districtNeedles } from '../nlp/district-mention';
import type { LedgerRepo } from '../repositories/ledger-repo';
import { pressCandidates } from './ledger-press';

/** Candidates listed at most: a year of a busy district holds far fewer conferences. */
export const PRESS_LIST_LIMIT = 500;

type MediaRepo = Pick<LedgerRepo, 'transaction' | 'getDistrict' | 'setDistrict' | 'settingsAudit' | 'pressRows' | 'pressRow' | 'setPressDecision'>;

const invalid = (path: string, message: string) => new ValidationError(`${path}: ${message}`, [{ path, message }]);

/**
 * What the automatic media counts need from people: the district's names (for 上级媒体报道) and
 * decisions on the items taken for press conferences (新闻发布会). Every change is audited.
 */
export function createLedgerMedia(deps: { ledger: MediaRepo; now: () => Date }) {
  const { ledger, now } = deps;
  const needles = () => {
    const d = ledger.getDistrict();
    return d ? districtNeedles(d) : [];
  };

  return {
    findDistrict(): DistrictProfile | null {
      const d = ledger.getDistrict();
      return d ? { name: d.name, aliases: d.aliases } : null;
    },
    /** The district profile; 404 (code not_found) while none is set, which is what the client checks. */
    district(): DistrictProfile {
      const d = ledger.getDistrict();
      if (!d) throw new NotFoundError('district profile', 'profile');
      return { name: d.name, aliases: d.aliases };
    },
    setDistrict(b: DistrictInput): DistrictProfile {
      const name = b.name.normalize('NFKC').trim();
      const aliases = [...new Set(b.aliases.map((a) => a.normalize('NFKC').trim()))].filter((a) => a !== name);
      const short = aliases.findIndex((a) => [...a].length < 2);
      if (short >= 0) throw invalid(`aliases.${short}`, 'an alias needs at least 2 characters');
      const before = ledger.getDistrict();
      const after = { name, aliases };
      ledger.transaction(() => {
        ledger.setDistrict(after, b.actor, now().toISOString());
        ledger.settingsAudit('district', 'profile', before ? 'update' : 'create', b.actor, now().toISOString(),
          before ? { name: before.name, aliases: before.aliases } : null, after);
      });
      return after;
    },

    /** Items taken for press conferences on days from..to, newest first (at most PRESS_LIST_LIMIT). */
    pressConferences(q: PressQuery): PressCandidates {
      if (!isDayString(q.from)) throw fieldFailures.notADay('from', q.from);
      if (!isDayString(q.to)) throw fieldFailures.notADay('to', q.to);
      if (q.from > q.to) throw fieldFailures.periodReversed('to');
      const all = pressCandidates(ledger.pressRows(q.from, q.to), needles());
      return { candidates: all.reverse().slice(0, PRESS_LIST_LIMIT) };
    },
    /**
     * Confirm or reject an item as a press conference ('recognised' withdraws the decision). Only an
     * item the recogniser takes for one, or one already decided on; any other: 404.
     */
    decidePress(itemId: number, b: PressDecision): PressCandidate {
      const row = ledger.pressRow(itemId);
      const find = () => {
        const r = ledger.pressRow(itemId)!;
        return pressCandidates(ledger.pressRows(r.day, r.day), needles()).find((c) => c.itemId === itemId);
      };
      const current = row && find();
      if (!row || !current) throw new NotFoundError('press-conference candidate', itemId);
      if (current.state !== b.state) {
        const at = now().toISOString();
        ledger.transaction(() => {
          ledger.setPressDecision(itemId, b.state === 'recognised' ? null : b.state, b.actor, at);
          ledger.settingsAudit('press-conference', itemId, b.state === 'recognised' ? 'withdraw' : b.state, b.actor, at,
            { state: current.state, decidedBy: current.decidedBy }, { state: b.state });
        });
      }
      // A decision withdrawn from an item the rules no longer take: it is left as nobody's candidate.
      return find() ?? { ...current, state: 'recognised', decidedBy: null, decidedAt: null, counted: false };
    },
  };
}
