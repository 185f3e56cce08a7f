/**
 * Chinese numerals for section numbering (一、二、… 十一、… 二十、… 九十九、). Official documents
 * (GB/T 9704) number first-level headings this way, so both renderers share one implementation.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九. Throws outside 1–99: no report has that many sections. */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`toChineseNumeral: ${n} is outside 1–99`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  // "十一" not "一十一": the tens digit is spoken only from 20 upwards.
  const head = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return head + (ones === 0 ? '' : DIGITS[ones]);
}

/** The heading prefix in the department's style: "一、". */
export function sectionNumber(index: number): string {
  return `${toChineseNumeral(index + 1)}、`;
}

/** Every section's heading as printed: numbered in turn, an appendix (numbered: false) left as it is. */
export function numberedHeadings(sections: readonly { heading: string; numbered?: boolean }[]): string[] {
  let n = 0;
  return sections.map((s) => (s.numbered === false ? s.heading : sectionNumber(n++) + s.heading));
}
