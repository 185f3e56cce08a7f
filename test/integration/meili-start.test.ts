import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startManagedMeili } from '../../server/search/meili-process';
import { tempDir } from '../support/meili';

describe('the bundled Meilisearch', () => {
  it('starts with a master key that begins with "-" (a base64url key can), and answers with it', async () => {
    const dir = tempDir('meili-dash-key');
    fs.mkdirSync(dir, { recursive: true });
    const key = '-L' + 'x'.repeat(40);
    fs.writeFileSync(path.join(dir, 'master-key'), key, { mode: 0o600 });
    const meili = await startManagedMeili({ dataDir: dir });
    try {
      expect(meili.masterKey).toBe(key);
      const res = await fetch(`${meili.url}/indexes`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
    } finally {
      await meili.stop();
    }
  });
});
