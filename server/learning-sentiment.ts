import fs from 'node:fs';
import path from 'node:path';
import type { SentimentLabel } from './contracts/item';
import type { Logger } from './logger';
import type { SentimentModel } from './sentiment/model';
import { updateSentiment } from './sentiment/online';
import { parseSentimentModel, serialiseSentimentModel } from './sentiment/serialise';
import { createSentimentScorer, type SentimentScorer } from './sentiment/sentiment-tagger';

export const SENTIMENT_MODEL_FILE = 'sentiment-model.json';
/** Corrections come in bursts: the model is written and items re-scored at most this often. */
const SETTLE_MS = 30_000;

/**
 * The server's sentiment: the model under DATA_DIR when one was trained (`npm run sentiment:train`,
 * picked up while running), updated by every analyst's correction; the built-in word list before
 * that (corrections are then kept in the database for the first training).
 */
export function createLearningSentiment(deps: {
  dataDir: string;
  log: Logger;
  itemText: (id: number) => { title: string; body: string } | null;
  onModelChanged: (reason: string) => void;
  settleMs?: number;
}) {
  const file = path.join(deps.dataDir, SENTIMENT_MODEL_FILE);
  const settleMs = deps.settleMs ?? SETTLE_MS;
  const mtime = () => {
    try {
      return fs.statSync(file).mtimeMs;
    } catch {
      return null;
    }
  };
  function load(): SentimentModel | null {
    if (mtime() === null) return null;
    try {
      return parseSentimentModel(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      // A bad model file must not stop the server: the word list still scores, and the error is logged.
      deps.log.error({ err }, 'sentiment model unreadable; using the built-in word list');
      return null;
    }
  }
  let model = load();
  let version = mtime();
  let current = createSentimentScorer(model);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let learnt = 0;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!model || learnt === 0) return;
    const n = learnt;
    learnt = 0;
    try {
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, serialiseSentimentModel(model), { mode: 0o600 });
      fs.renameSync(tmp, file);
      version = mtime();
    } catch (err) {
      deps.log.error({ err }, 'could not save the sentiment model');
    }
    deps.onModelChanged(`${n} sentiment correction(s) learned`);
  }

  return {
    /** Always the current scorer (ingest and re-scoring hold this, not a snapshot). */
    scorer: { score: (input) => current.score(input) } satisfies SentimentScorer,
    hasModel: () => model !== null,
    learn(example: { itemId: number; label: SentimentLabel }): void {
      if (!model) return;
      const item = deps.itemText(example.itemId);
      if (!item) return;
      model = updateSentiment(model, [{ text: `${item.title}\n${item.body.slice(0, 1_000)}`, label: example.label }]);
      current = createSentimentScorer(model);
      learnt++;
      if (!timer) {
        timer = setTimeout(flush, settleMs);
        timer.unref?.();
      }
    },
    /** Picks up a model written by `npm run sentiment:train` while the server runs. */
    checkForNewModel(): boolean {
      const v = mtime();
      if (v === null || v === version) return false;
      version = v;
      const next = load();
      if (!next) return false;
      model = next;
      current = createSentimentScorer(model);
      deps.log.info({ file }, 'new sentiment model loaded');
      deps.onModelChanged('new sentiment model imported');
      return true;
    },
    flush,
  };
}

export type LearningSentiment = ReturnType<typeof createLearningSentiment>;
