/** Largest file sent for import (the server accepts 5 million characters of content). */
export const MAX_IMPORT_CHARS = 5_000_000;

export type ImportFormat = 'json' | 'csv';

/** By the file's extension; failing that, a JSON array starts with "[". */
export function importFormatOf(fileName: string, content: string): ImportFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  return content.replace(/^\ufeff/, '').trimStart().startsWith('[') ? 'json' : 'csv';
}

/** Where an import error is: a CSV line, a JSON entry (shown counting from 1), or the whole file. */
export type ImportErrorPlace = { kind: 'line'; n: number } | { kind: 'entry'; n: number } | { kind: 'file' } | { kind: 'other'; path: string };

export interface ImportErrorRow {
  place: ImportErrorPlace;
  /** The column or property ('claim', 'category', …), '' when the row as a whole is wrong. */
  field: string;
  message: string;
}

/** The server names bad rows "line 3.claim" (CSV) or "[0].claim" (JSON); "content" is the file itself. */
export function parseImportErrorPath(path: string, message: string): ImportErrorRow {
  const line = /^line (\d+)(?:\.(.*))?$/.exec(path);
  if (line) return { place: { kind: 'line', n: Number(line[1]) }, field: line[2] ?? '', message };
  const entry = /^\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (entry) return { place: { kind: 'entry', n: Number(entry[1]) + 1 }, field: entry[2] ?? '', message };
  if (path === 'content' || path === '') return { place: { kind: 'file' }, field: '', message };
  return { place: { kind: 'other', path }, field: '', message };
}
