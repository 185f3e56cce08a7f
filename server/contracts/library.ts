import { z } from 'zod';
import { LibraryLinkKind } from './item';
import { Actor } from './actor';


/** Rumour categories, as the department files them. */
export const RumourCategory = z.enum([
  'health', // 医疗健康
  'epidemic', // 疫情防控
  'disaster', // 灾害事故
  'public-safety', // 治安安全
  'prices', // 物价民生
  'policy', // 政策误读
  'education', // 教育
  'other',
]);
export type RumourCategory = z.infer<typeof RumourCategory>;

/** Where a rebuttal went out. */
export const RebuttalChannel = z.enum([
  'own-media', // 自有媒体（公众号、网站、客户端）
  'weibo',
  'wechat-group', // 微信群、QQ群
  'broadcast', // 广播、村村通
  'poster', // 海报、公告栏
  'press-conference', // 新闻发布会
  'higher-media', // 上级媒体
  'door-to-door', // 入户宣传
  'other',
]);
export type RebuttalChannel = z.infer<typeof RebuttalChannel>;

export const RebuttalSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  url: z.string().nullable(),
  channels: z.array(RebuttalChannel),
  publishedAt: z.string(),
});
export type RebuttalSummary = z.infer<typeof RebuttalSummary>;

/** The rumour clock of one claim: first sighting → verdict → first rebuttal published. */
export const RumourClock = z.object({
  firstSeenAt: z.string(),
  confirmedAt: z.string(),
  rebuttedAt: z.string().nullable(),
  /** Hours from first sighting to the verdict, and to the first rebuttal (null while unanswered). */
  hoursToVerdict: z.number(),
  hoursToRebuttal: z.number().nullable(),
});
export type RumourClock = z.infer<typeof RumourClock>;

export const LibraryEntry = z.object({
  id: z.number().int(),
  claim: z.string(),
  category: RumourCategory,
  /** Reporting unit (street, township, department) answerable for it; free text until units exist. */
  unit: z.string().nullable(),
  /** The short rebuttal statement (the truth), shown with every later sighting. */
  rebuttalText: z.string().nullable(),
  sourceItemId: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Set when this entry was merged into another (it no longer matches anything itself). */
  mergedInto: z.number().int().nullable(),
  sightings: z.object({
    confirmed: z.number().int(),
    suggested: z.number().int(),
    rebuttal: z.number().int(),
    manual: z.number().int(),
    lastSeenAt: z.string().nullable(),
  }),
  rebuttals: z.array(RebuttalSummary.extend({ text: z.string(), createdBy: z.string() })),
  clock: RumourClock,
});
export type LibraryEntry = z.infer<typeof LibraryEntry>;

export const LibraryCreate = z.object({
  claim: z.string().trim().min(4).max(500),
  category: RumourCategory.default('other'),
  unit: z.string().trim().max(64).nullish(),
  rebuttalText: z.string().trim().max(5_000).nullish(),
  /** The item confirmed as this rumour (its first sighting starts the clock). */
  fromItemId: z.number().int().positive().optional(),
  /** When first seen, if known from elsewhere (ISO); default: the source item's time, else now. */
  firstSeenAt: z.iso.datetime({ offset: true }).optional(),
  actor: Actor,
});
export type LibraryCreate = z.infer<typeof LibraryCreate>;

export const LibraryPatch = z
  .object({
    claim: z.string().trim().min(4).max(500).optional(),
    category: RumourCategory.optional(),
    unit: z.string().trim().max(64).nullable().optional(),
    rebuttalText: z.string().trim().max(5_000).nullable().optional(),
    actor: Actor,
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'actor'), { message: 'nothing to change' });
export type LibraryPatch = z.infer<typeof LibraryPatch>;

export const LibraryMerge = z.object({ into: z.number().int().positive(), actor: Actor });
export type LibraryMerge = z.infer<typeof LibraryMerge>;

export const LibraryQuery = z.object({
  q: z.string().max(200).optional(),
  category: RumourCategory.optional(),
  /** Entries merged into others are hidden unless asked for. */
  merged: z.enum(['hide', 'show']).default('hide'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type LibraryQuery = z.infer<typeof LibraryQuery>;

export const LibraryPage = z.object({
  entries: z.array(LibraryEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type LibraryPage = z.infer<typeof LibraryPage>;

export const Sighting = z.object({
  itemId: z.number().int(),
  title: z.string(),
  sourceName: z.string(),
  url: z.string(),
  kind: LibraryLinkKind,
  similarity: z.number(),
  seenAt: z.string(),
});
export type Sighting = z.infer<typeof Sighting>;

export const SightingsView = z.object({
  libraryId: z.number().int(),
  /** Asia/Shanghai days with sightings (confirmed + manual), oldest first. */
  perDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
  items: z.array(Sighting),
});
export type SightingsView = z.infer<typeof SightingsView>;

/** One row of a library import (JSON array element or CSV line). */
export const LibraryImportRow = z.object({
  claim: z.string().trim().min(4).max(500),
  category: RumourCategory.default('other'),
  unit: z.string().trim().max(64).nullish(),
  rebuttalText: z.string().trim().max(5_000).nullish(),
  firstSeenAt: z.iso.datetime({ offset: true }).nullish(),
});
export type LibraryImportRow = z.infer<typeof LibraryImportRow>;

export const LibraryImportBody = z.object({
  format: z.enum(['json', 'csv']),
  /** The file's text (UTF-8). JSON: an array of rows; CSV: a header line with claim,category,unit,rebuttalText,firstSeenAt. */
  content: z.string().max(5_000_000),
  actor: Actor,
  /** Check only: report what would be imported and every row error, write nothing. */
  dryRun: z.boolean().default(false),
});
export type LibraryImportBody = z.infer<typeof LibraryImportBody>;

export const LibraryImportResult = z.object({
  rows: z.number().int(),
  imported: z.number().int(),
  /** Rows whose claim is already in the library (same normalised text): skipped, not an error. */
  existing: z.number().int(),
  dryRun: z.boolean(),
});
export type LibraryImportResult = z.infer<typeof LibraryImportResult>;

export const RebuttalCreate = z.object({
  title: z.string().trim().min(2).max(200),
  text: z.string().trim().min(2).max(20_000),
  url: z.url().max(2_048).refine((u) => /^https?:/i.test(u), 'only http(s) links').nullish(),
  channels: z.array(RebuttalChannel).min(1).max(9),
  publishedAt: z.iso.datetime({ offset: true }),
  libraryIds: z.array(z.number().int().positive()).min(1).max(50),
  actor: Actor,
});
export type RebuttalCreate = z.infer<typeof RebuttalCreate>;

export const Rebuttal = RebuttalSummary.extend({
  text: z.string(),
  libraryIds: z.array(z.number().int()),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Rebuttal = z.infer<typeof Rebuttal>;

export const DurationStats = z.object({
  /** Claims measured. */
  n: z.number().int(),
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
});

/** GET /api/library/clock: how fast the desk answers, overall and per unit. */
export const ClockReport = z.object({
  overall: z.object({ toVerdict: DurationStats, toRebuttal: DurationStats, unanswered: z.number().int() }),
  byUnit: z.array(
    z.object({
      /** null: entries with no unit given. */
      unit: z.string().nullable(),
      toVerdict: DurationStats,
      toRebuttal: DurationStats,
      unanswered: z.number().int(),
    }),
  ),
});
export type ClockReport = z.infer<typeof ClockReport>;
