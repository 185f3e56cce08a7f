import { z } from 'zod';

export const PrecisionCell = z.object({
  key: z.string(),
  label: z.string(),
  /** Items with a final verdict (confirmed rumour or not a rumour). */
  decided: z.number().int(),
  confirmed: z.number().int(),
  /** confirmed / decided; null when nothing was decided. */
  precision: z.number().nullable(),
});
export type PrecisionCell = z.infer<typeof PrecisionCell>;

/** GET /api/review/calibration: how often the tagger was right, from editors' verdicts. */
export const Calibration = z.object({
  decided: z.number().int(),
  /** Score bands of width 0.1. */
  byBand: z.array(PrecisionCell),
  /** "score ≥ t": what a threshold at t would have let through, and how precise it was. */
  byThreshold: z.array(PrecisionCell),
  /** Per signal (reason code) present on the item. */
  bySignal: z.array(PrecisionCell),
  bySource: z.array(PrecisionCell),
  /** Per Asia/Shanghai week of the verdict (Monday), oldest first. */
  byWeek: z.array(PrecisionCell),
});
export type Calibration = z.infer<typeof Calibration>;
