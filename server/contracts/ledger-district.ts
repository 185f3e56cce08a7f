import { z } from 'zod';
import { Actor } from './actor';
import { DistrictProfile } from './report';

// Apart from ledger.ts: report.ts imports Day from ledger.ts, so ledger.ts importing report.ts would
// be a cycle whose top-level schemas meet uninitialised.

/** PUT /api/ledger/district: the district the media counts look for (audited). */
export const DistrictInput = DistrictProfile.extend({ actor: Actor });
export type DistrictInput = z.infer<typeof DistrictInput>;

export { DistrictProfile };
