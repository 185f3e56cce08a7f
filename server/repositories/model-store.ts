import fs from 'node:fs';
import path from 'node:path';
import type { ModelStore } from '../services/model-service';
import { parseModel, serialiseModel } from '../tagging/classifier/serialise';

export const MODEL_FILE = 'tagger-model.json';

/**
 * The tagger model as a file under DATA_DIR (where `npm run tagger:train` writes it). Writes go to a
 * temporary file renamed over the old one, so a reader never sees half a model. Its version is the
 * file's modification time.
 */
export function createFileModelStore(dataDir: string): ModelStore {
  const file = path.join(dataDir, MODEL_FILE);
  const version = (): number | null => {
    try {
      return fs.statSync(file).mtimeMs;
    } catch {
      return null;
    }
  };
  return {
    load() {
      const v = version();
      if (v === null) return null;
      return { model: parseModel(fs.readFileSync(file, 'utf8')), version: v };
    },
    save(model) {
      fs.mkdirSync(dataDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, serialiseModel(model), { mode: 0o600 });
      fs.renameSync(tmp, file);
      return version()!;
    },
    version,
  };
}
