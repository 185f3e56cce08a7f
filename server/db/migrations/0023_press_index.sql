-- Items whose title names a press conference, by day: the ledger's press figure reads these for a
-- period (repositories/ledger-repo.ts pressRows). Without it every item of the period was read and its
-- title searched (~140 ms for a month of a busy district, recomputed as items arrive). The condition
-- must stay exactly PRESS_TITLE there, term for term, or SQLite will not use the index.
CREATE INDEX items_press_day ON items (day)
  WHERE (instr(title, '发布会') > 0 OR instr(title, '通气会') > 0 OR instr(title, '吹风会') > 0
    OR instr(title, '發佈會') > 0 OR instr(title, '發布會') > 0 OR instr(title, '通氣會') > 0 OR instr(title, '吹風會') > 0);
