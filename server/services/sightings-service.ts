import crypto from 'node:crypto';
import type { Item } from '../contracts/item';
import type { OfflineSighting, OfflineSightingPage, SightingReport } from '../contracts/sighting';
import { fieldFailures } from '../errors';
import { isDayString, shanghaiDay, shanghaiDayStart } from '../lib/time';
import type { ItemsRepo } from '../repositories/items-repo';
import { OFFLINE_SOURCE_ID } from '../repositories/review-queue-repo';
import type { SightingsRepo } from '../repositories/sightings-repo';
import type { IngestService } from './ingest-service';

const TITLE_CHARS = 40;
/** Older reports are history, not a rumour circulating now; they belong in the library instead. */
const MAX_AGE_DAYS = 366;

function toSighting(item: Item, row: { place: string; reported_by: string; heard_on: string }): OfflineSighting {
  return {
    itemId: item.id,
    text: item.body,
    place: row.place,
    heardOn: row.heard_on,
    reportedBy: row.reported_by,
    reportedAt: item.collectedAt,
    tags: item.tags,
    status: item.status,
    clusterSize: item.clusterSize,
    libraryLinks: item.libraryLinks,
  };
}

/**
 * Rumours heard offline (grid workers, door-to-door teams): each becomes an item of the built-in
 * offline source, so it is tagged, clustered with online copies and matched against the library
 * exactly like a crawled post, and reaches the rumour desk's queue.
 */
export function createSightingsService(deps: {
  ingest: Pick<IngestService, 'ingest'>;
  items: Pick<ItemsRepo, 'getItem' | 'getItemsByIds'>;
  sightings: SightingsRepo;
  findByUrl: (url: string) => number | null;
  transaction: <T>(fn: () => T) => T;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  return {
    report(r: SightingReport): { sighting: OfflineSighting; created: boolean } {
      const at = now();
      if (!isDayString(r.heardOn)) throw fieldFailures.notADay('heardOn', r.heardOn);
      const today = shanghaiDay(at);
      if (r.heardOn > today) throw fieldFailures.futureDay('heardOn', r.heardOn, today);
      const ageDays = (shanghaiDayStart(today).getTime() - shanghaiDayStart(r.heardOn).getTime()) / 86_400_000;
      if (ageDays > MAX_AGE_DAYS) throw fieldFailures.other('heardOn', `more than ${MAX_AGE_DAYS} days ago`, 'too_old', { maximum: MAX_AGE_DAYS });
      // The same report sent twice (a double tap, a retry) is one sighting; the same words heard
      // elsewhere or on another day are another.
      const key = crypto.createHash('sha256').update(JSON.stringify([r.text, r.place, r.heardOn, r.reportedBy])).digest('hex');
      const url = `urn:yuqing:sighting:${key.slice(0, 32)}`;
      const existing = deps.findByUrl(url);
      if (existing) {
        const item = deps.items.getItem(existing)!;
        return { sighting: toSighting(item, { place: r.place, reported_by: r.reportedBy, heard_on: r.heardOn }), created: false };
      }
      const id = deps.transaction(() => {
        deps.ingest.ingest([
          {
            sourceId: OFFLINE_SOURCE_ID,
            url,
            title: r.text.replace(/\s+/g, ' ').slice(0, TITLE_CHARS),
            body: r.text,
            publishedAt: shanghaiDayStart(r.heardOn).toISOString(),
            publishedPrecision: 'day',
            author: null,
            contentHash: key,
            fetchedAt: at.toISOString(),
          },
        ]);
        const itemId = deps.findByUrl(url);
        if (!itemId) throw new Error('the sighting was not stored');
        deps.sightings.add({ item_id: itemId, place: r.place, reported_by: r.reportedBy, heard_on: r.heardOn });
        return itemId;
      });
      return { sighting: toSighting(deps.items.getItem(id)!, { place: r.place, reported_by: r.reportedBy, heard_on: r.heardOn }), created: true };
    },

    list(page: number, pageSize: number): OfflineSightingPage {
      const { rows, total } = deps.sightings.list(pageSize, (page - 1) * pageSize);
      const items = new Map(deps.items.getItemsByIds(rows.map((r) => r.item_id)).map((i) => [i.id, i]));
      return {
        sightings: rows.flatMap((r) => {
          const item = items.get(r.item_id);
          return item ? [toSighting(item, r)] : [];
        }),
        total,
        page,
        pageSize,
      };
    },
  };
}

export type SightingsService = ReturnType<typeof createSightingsService>;
