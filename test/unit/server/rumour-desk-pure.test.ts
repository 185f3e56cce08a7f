import { describe, expect, it } from 'vitest';
import { applyClaimMatches, type ClaimMatcher } from '../../../server/services/claim-matching';
import { calibrate, shanghaiWeek } from '../../../server/services/calibration';
import { createJobRunner } from '../../../server/services/job-runner';
import { parseLibraryImport, toCsv } from '../../../server/services/library-import';
import { clockOf, clockReport, quantile } from '../../../server/services/rumour-clock';
import { ValidationError } from '../../../server/errors';

const fixedMatcher = (matches: ReturnType<ClaimMatcher['match']>): ClaimMatcher => ({ add() {}, remove() {}, match: () => matches });
const claimOf = (id: number) => `claim ${id}`;

describe('claim matches applied to a tagging result', () => {
  const plain = { tags: [], score: 0.2, reasons: [] };

  it('makes a confirmed match a known rumour: tag, first reason, score at least the similarity', () => {
    const r = applyClaimMatches('x', plain, fixedMatcher([{ entryId: 3, similarity: 0.91, kind: 'confirmed' }]), claimOf);
    expect(r.tagged.tags).toEqual(['known-rumor']);
    expect(r.tagged.score).toBe(0.91);
    expect(r.tagged.reasons[0]).toMatchObject({ code: 'known-rumor', matches: ['claim 3'] });
    expect(r.matches).toEqual([{ libraryId: 3, kind: 'confirmed', similarity: 0.91 }]);
  });

  it('only suggests a weaker match, without tagging or raising the score', () => {
    const r = applyClaimMatches('x', plain, fixedMatcher([{ entryId: 4, similarity: 0.65, kind: 'suggested' }]), claimOf);
    expect(r.tagged.tags).toEqual([]);
    expect(r.tagged.score).toBe(0.2);
    expect(r.tagged.reasons.map((x) => x.code)).toEqual(['library-suggestion']);
  });

  it('links a debunk to the claim it answers instead of calling it the rumour', () => {
    const r = applyClaimMatches('x', { tags: ['rebuttal'], score: 0, reasons: [] }, fixedMatcher([{ entryId: 5, similarity: 1, kind: 'confirmed' }]), claimOf);
    expect(r.tagged.tags).toEqual(['rebuttal']);
    expect(r.matches[0]!.kind).toBe('rebuttal');
    expect(r.tagged.reasons.map((x) => x.code)).toEqual(['rebuttal-of']);
  });

  it('leaves the result untouched when nothing matches', () => {
    expect(applyClaimMatches('x', plain, fixedMatcher([]), claimOf)).toEqual({ tagged: plain, matches: [] });
  });
});

describe('rumour clock', () => {
  it('uses nearest-rank quantiles', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
  });

  it('measures hours from first sighting, and clamps backfilled negatives to zero', () => {
    expect(clockOf({ firstSeenAt: '2026-11-20T00:00:00Z', confirmedAt: '2026-11-20T03:30:00Z', rebuttedAt: null })).toMatchObject({
      hoursToVerdict: 3.5,
      hoursToRebuttal: null,
    });
    expect(clockOf({ firstSeenAt: '2026-11-20T05:00:00Z', confirmedAt: '2026-11-20T03:00:00Z', rebuttedAt: '2026-11-20T04:00:00Z' }).hoursToRebuttal).toBe(0);
  });

  it('reports median and p90 overall and per unit, counting unanswered claims', () => {
    const r = clockReport([
      { unit: '东城街道', firstSeenAt: '2026-11-20T00:00:00Z', confirmedAt: '2026-11-20T01:00:00Z', rebuttedAt: '2026-11-20T02:00:00Z' },
      { unit: '东城街道', firstSeenAt: '2026-11-20T00:00:00Z', confirmedAt: '2026-11-20T05:00:00Z', rebuttedAt: null },
      { unit: null, firstSeenAt: '2026-11-20T00:00:00Z', confirmedAt: '2026-11-20T02:00:00Z', rebuttedAt: '2026-11-20T10:00:00Z' },
    ]);
    expect(r.overall.toVerdict).toEqual({ n: 3, medianHours: 2, p90Hours: 5 });
    expect(r.overall.toRebuttal).toEqual({ n: 2, medianHours: 2, p90Hours: 10 });
    expect(r.overall.unanswered).toBe(1);
    expect(r.byUnit.map((u) => [u.unit, u.toVerdict.n, u.unanswered])).toEqual([
      ['东城街道', 2, 1],
      [null, 1, 0],
    ]);
  });
});

describe('library import parsing', () => {
  it('reads CSV with a BOM and quoted commas, blank cells as not given', () => {
    const rows = parseLibraryImport('csv', '\ufeffclaim,category,unit\n"喝醋能杀死病毒，防感染",health,\n');
    expect(rows).toEqual([{ claim: '喝醋能杀死病毒，防感染', category: 'health' }]);
  });

  it('names every bad row by line (CSV) or index (JSON) and field', () => {
    const run = (f: 'csv' | 'json', c: string) => {
      try {
        parseLibraryImport(f, c);
        return null;
      } catch (e) {
        return e as ValidationError;
      }
    };
    expect(run('csv', 'claim,category\n好的说法很长,health\nab,nope\n')!.fieldErrors!.map((e) => e.path)).toEqual(['line 3.claim', 'line 3.category']);
    // The rule and its figures travel with each, for the dashboard to word.
    expect(run('csv', 'claim,category\n好的说法很长,health\nab,nope\n')!.fieldErrors!.map((e) => [e.code, e.params?.minimum ?? e.params?.values])).toEqual([
      ['too_small', 4],
      ['invalid_value', expect.arrayContaining(['health'])],
    ]);
    expect(run('json', '[{"claim":"一个说法很长"},{"claim":5}]')!.fieldErrors!.map((e) => e.path)).toEqual(['[1].claim']);
    expect(run('json', '{"claim":"x"}')!.message).toContain('array');
    expect(run('json', 'not json')!.message).toContain('not valid JSON');
    expect(run('csv', 'claim,colour\nabcdef,red\n')!.message).toContain('colour');
    expect(run('csv', 'claim\n')!.message).toContain('no entries');
    // Whole-file problems name their rule too.
    expect(run('json', 'not json')!.fieldErrors![0]).toMatchObject({ path: 'content', code: 'unreadable_file', params: { format: 'json' } });
    expect(run('json', '{"claim":"x"}')!.fieldErrors![0]).toMatchObject({ code: 'not_a_list' });
    expect(run('csv', 'claim,colour\nabcdef,red\n')!.fieldErrors![0]).toMatchObject({ code: 'unknown_columns', params: { columns: ['colour'] } });
    expect(run('csv', 'claim\n')!.fieldErrors![0]).toMatchObject({ code: 'empty_file' });
  });

  it('writes CSV that round-trips through the parser', () => {
    const csv = toCsv([{ claim: '说法，带逗号"引号"', category: 'other', unit: null, rebuttalText: '多\n行', firstSeenAt: '2026-11-20T00:00:00.000Z' }]);
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(parseLibraryImport('csv', csv)).toEqual([
      { claim: '说法，带逗号"引号"', category: 'other', rebuttalText: '多\n行', firstSeenAt: '2026-11-20T00:00:00.000Z' },
    ]);
  });
});

describe('calibration', () => {
  it('puts a score of exactly 1 in the top band and groups verdicts by Shanghai week (Monday)', () => {
    expect(shanghaiWeek('2026-11-22T17:00:00Z')).toBe('2026-11-23'); // Monday 01:00 in Shanghai
    expect(shanghaiWeek('2026-11-22T15:00:00Z')).toBe('2026-11-16'); // Sunday 23:00 in Shanghai
    const c = calibrate([{ score: 1, reasons: [], sourceId: 's', sourceName: 'S', confirmed: true, decidedAt: '2026-11-20T00:00:00Z' }]);
    expect(c.byBand.find((b) => b.key === '9')!.decided).toBe(1);
    expect(c.bySignal).toEqual([{ key: 'none', label: '无特征', decided: 1, confirmed: 1, precision: 1 }]);
  });
});

describe('job runner', () => {
  it('runs one job of a kind at a time, in steps, reporting progress; a request while running queues one more run', async () => {
    const progress: string[] = [];
    const runner = createJobRunner({ onProgress: (j) => progress.push(`${j.id}:${j.status}:${j.done}`) });
    let runs = 0;
    const start = () => {
      runs++;
      let left = 3;
      return {
        total: 3,
        step(job: { done: number }) {
          job.done++;
          return --left > 0;
        },
      };
    };
    runner.request('retag', 'a', start);
    runner.request('retag', 'b', start); // joins the queued one
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    runner.request('retag', 'c', start); // the first is running: queue another
    await runner.waitIdle();
    expect(runs).toBe(2);
    expect(runner.list().map((j) => [j.reason, j.status, j.done])).toEqual([
      ['c', 'done', 3],
      ['a; b', 'done', 3],
    ]);
    expect(progress).toContain('1:running:1');
    expect(progress.at(-1)).toBe('2:done:3');
  });

  it('marks a failing job failed with its message and keeps going', async () => {
    const runner = createJobRunner({});
    runner.request('retag', 'x', () => ({
      total: 1,
      step() {
        throw new Error('disk full');
      },
    }));
    await runner.waitIdle();
    expect(runner.list()[0]).toMatchObject({ status: 'failed', error: 'disk full' });
  });
});
