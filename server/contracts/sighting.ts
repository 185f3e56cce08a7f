import { z } from 'zod';
import { LibraryLink, ReviewStatus, Tag } from './item';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day (YYYY-MM-DD)');

/** A rumour heard in the community, logged by field staff in one short form. */
export const SightingReport = z.object({
  text: z.string().trim().min(4, 'say what was heard (at least 4 characters)').max(2_000),
  place: z.string().trim().min(1, 'say where it was heard').max(100),
  /** The Asia/Shanghai day it was heard. */
  heardOn: Day,
  reportedBy: z.string().trim().min(1).max(64),
});
export type SightingReport = z.infer<typeof SightingReport>;

export const OfflineSighting = z.object({
  itemId: z.number().int(),
  text: z.string(),
  place: z.string(),
  heardOn: z.string(),
  reportedBy: z.string(),
  reportedAt: z.string(),
  tags: z.array(Tag),
  status: ReviewStatus,
  clusterSize: z.number().int(),
  libraryLinks: z.array(LibraryLink),
});
export type OfflineSighting = z.infer<typeof OfflineSighting>;

export const OfflineSightingPage = z.object({
  sightings: z.array(OfflineSighting),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type OfflineSightingPage = z.infer<typeof OfflineSightingPage>;
