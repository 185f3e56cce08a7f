import { describe, expect, it } from 'vitest';
import type { DistrictProfile } from '../../../server/contracts/report';
import { seedDemoDistrict } from '../../../server/demo-seed';

describe('seedDemoDistrict', () => {
  it('sets the demo site’s district only while none is set', () => {
    let stored: DistrictProfile | null = null;
    const ledger = {
      findDistrict: () => stored,
      setDistrict: (b: DistrictProfile & { actor: string }) => (stored = { name: b.name, aliases: b.aliases }),
    };
    expect(seedDemoDistrict(ledger)).toBe(true);
    expect(stored).toEqual({ name: '清河区', aliases: ['清河'] });
    stored = { name: '别的区', aliases: [] };
    expect(seedDemoDistrict(ledger)).toBe(false);
    expect(stored).toEqual({ name: '别的区', aliases: [] });
  });
});
