import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, previousMonth, previousWeek } from '../../../server/reports/report-periods';
import { parseReportArgs } from '../../../server/cli/report-args';

describe('report periods', () => {
  it('takes the last whole Monday–Sunday week, whatever the weekday', () => {
    expect(previousWeek('2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' }); // a Monday
    expect(previousWeek('2026-11-29')).toEqual({ from: '2026-11-16', to: '2026-11-22' }); // a Sunday
    expect(previousWeek('2026-01-01')).toEqual({ from: '2025-12-22', to: '2025-12-28' }); // across the year
  });
  it('takes the previous calendar month, leap February included', () => {
    expect(previousMonth('2026-11-29')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(previousMonth('2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(previousMonth('2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
  it('counts days inclusively', () => {
    expect(daysBetween('2026-11-16', '2026-11-22')).toBe(7);
    expect(daysBetween('2026-11-16', '2026-11-16')).toBe(1);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});

describe('npm run report arguments', () => {
  it('reads the period, unit and output files', () => {
    expect(parseReportArgs(['--from', '2026-11-01', '--to', '2026-11-30', '--unit', '3', '--out', 'x.docx'])).toEqual({
      from: '2026-11-01', to: '2026-11-30', unitId: 3, out: 'x.docx', html: null,
    });
  });
  it('names what is missing or wrong', () => {
    expect(() => parseReportArgs(['--from', '2026-11-01', '--out', 'x.docx'])).toThrow(/--to is required/);
    expect(() => parseReportArgs(['--from', '2026-11-31', '--to', '2026-12-01', '--out', 'x.docx'])).toThrow(/--from 2026-11-31 is not a calendar day/);
    expect(() => parseReportArgs(['--from', '2026-11-01', '--to', '2026-11-30', '--out', 'x.pdf'])).toThrow(/\.docx/);
    expect(() => parseReportArgs(['--from', '2026-11-01', '--to', '2026-11-30', '--out', 'x.docx', '--unit', 'abc'])).toThrow(/--unit abc/);
    expect(() => parseReportArgs(['--from', '2026-11-01', '--to', '2026-11-30', '--out', 'x.docx', '--bogus'])).toThrow(/bogus/);
  });
});
